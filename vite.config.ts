import { defineConfig } from 'vite';
import { minifyCssLiterals } from './build/minify-css-literals.js';
import { minifyHtmlLiterals } from './build/minify-html-literals.js';
import { plainDynamicImports } from './build/plain-dynamic-imports.js';
import { trimPusher } from './build/trim-pusher.js';

/**
 * Builds the drop-in script: `dist/staff-chat.js` registers `<staff-chat>` and carries lit, nanostores
 * and pusher-js. Anything imported dynamically becomes a chunk that loads on first use.
 *
 * An app build with one script entry rather than library mode: library mode keeps whitespace in ES
 * output, which every portal page would pay for.
 *
 * package.json's `sideEffects` (for the package's consumers) lists `./widget/**` as well: vite applies
 * that field to the project's own sources too, and without it the modules whose only effect is to
 * register elements (define.ts, components/define-lazy.ts) would be shaken out of this build.
 */
export default defineConfig({
  plugins: [minifyCssLiterals(), minifyHtmlLiterals(), plainDynamicImports(), trimPusher()],
  // nanostores reads process.env.NODE_ENV, and browsers have no `process`.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // terser with a few passes packs the same code about 0.5 KB gzip smaller than the default minifier,
    // which the 60 KB total needs. Only safe transforms: no `unsafe*` options.
    minify: 'terser',
    terserOptions: { module: true, ecma: 2020, compress: { passes: 3 }, mangle: { toplevel: true }, format: { comments: false } },
    // The preload helper would resolve chunk URLs against the portal's origin, not the script's; plain
    // dynamic imports resolve next to the script, wherever it is served from.
    modulePreload: false,
    rolldownOptions: {
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
