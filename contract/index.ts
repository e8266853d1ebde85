/**
 * The contract between the server and the widget: the JSON shapes, the realtime events, and the few
 * values both sides check (id patterns, limits, the emoji set, what text can be stored).
 *
 * Plain TypeScript with no imports from outside this folder (no zod, no Node, no DOM), so the server
 * and the widget bundle import the same values and cannot drift apart (HotelMate's front end kept
 * subscribing to channel names its back end had renamed).
 */
export * from './ids.js';
export * from './limits.js';
export * from './reactions.js';
export * from './realtime.js';
export * from './text.js';
export * from './wire.js';
