import { defineConfig } from 'vite';
import { minifyCssLiterals } from './build/minify-css-literals.js';
import { minifyHtmlLiterals } from './build/minify-html-literals.js';

/**
 * Builds the drop-in script: `dist/staff-chat.js` registers `<staff-chat>` and carries lit, nanostores
 * and pusher-js. Anything imported dynamically becomes a chunk that loads on first use.
 *
 * An app build with one script entry rather than library mode: library mode keeps whitespace in ES
 * output, which every portal page would pay for.
 */
export default defineConfig({
  plugins: [minifyCssLiterals(), minifyHtmlLiterals()],
  // nanostores reads process.env.NODE_ENV, and browsers have no `process`.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    minify: true,
    // The preload helper would resolve chunk URLs against the portal's origin, not the script's; plain
    // dynamic imports resolve next to the script, wherever it is served from.
    modulePreload: false,
    rollupOptions: {
      input: 'widget/define.ts',
      // Keep the entry's side effects (it defines the element) and nothing else.
      preserveEntrySignatures: 'strict',
      output: {
        format: 'es',
        entryFileNames: 'staff-chat.js',
        // A page loads one language: bench/bundle-check.ts counts the largest `locale-*` chunk, not all of them.
        chunkFileNames: (chunk) =>
          chunk.facadeModuleId?.includes('/widget/messages/locales/') ? 'chunks/locale-[name]-[hash].js' : 'chunks/[name]-[hash].js',
      },
    },
  },
});
