import type { Plugin } from 'vite';

/** The module Vite wraps every dynamic `import()` of an app build in. */
export const PRELOAD_HELPER_ID = '\0vite/preload-helper.js';

/** What the helper becomes: run the import, nothing else. */
export const PLAIN_PRELOAD_HELPER = 'export const __vitePreload = (load) => load();';

/**
 * Vite's preload helper (about 1.3 KB gzip in the entry) preloads a chunk's CSS and module
 * dependencies and reports failures as a `vite:preloadError` event on the page. The widget has no CSS
 * files, builds with `modulePreload: false` (so it preloads nothing), and is a guest on a portal that
 * listens for no Vite events: its own loaders catch and log a failed chunk. So the helper only runs
 * the import, and weighs a line.
 */
export function plainDynamicImports(): Plugin {
  return {
    name: 'staff-chat:plain-dynamic-imports',
    enforce: 'pre',
    load(id) {
      return id === PRELOAD_HELPER_ID ? PLAIN_PRELOAD_HELPER : null;
    },
  };
}
