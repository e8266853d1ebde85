import { defineConfig } from 'vite';

/**
 * Builds the drop-in script: `dist/staff-chat.js` registers `<staff-chat>` and carries lit, nanostores
 * and pusher-js. Anything imported dynamically becomes a chunk that loads on first use.
 */
export default defineConfig({
  // nanostores reads process.env.NODE_ENV; library mode leaves it in place, and browsers have no `process`.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: 'widget/define.ts',
      formats: ['es'],
      fileName: () => 'staff-chat.js',
    },
    rollupOptions: {
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
