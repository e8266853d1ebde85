/**
 * The wire contract, as the server has always imported it. The shapes and shared values live in
 * contract/ at the repository root, which the widget imports too; this module re-exports them so
 * older imports keep working. New code imports `contract/index.js` directly.
 */
export * from '../contract/index.js';
