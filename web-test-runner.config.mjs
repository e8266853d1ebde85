// Element tests run in Debian's Chromium (never a downloaded browser), driven by playwright.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default {
  files: ['widget/**/*.test.ts'],
  nodeResolve: true,
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' }),
    {
      // pusher-js's worker build is a UMD file that registers on `this`, which an ES module does not
      // have (undefined): point it at globalThis, where widget/realtime/pusher-client.ts looks.
      name: 'pusher-worker-umd',
      transform(context) {
        if (context.path.endsWith('/pusher-js/dist/worker/pusher.worker.js')) {
          return { body: context.body.replace('})(this, () => {', '})(globalThis, () => {') };
        }
      },
    },
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      },
    }),
  ],
  // nanostores reads process.env.NODE_ENV, which vite replaces at build time; give the test page one.
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html><body>
      <script>window.process = { env: { NODE_ENV: 'development' } };</script>
      <script type="module" src="${testFramework}"></script>
    </body></html>`,
  concurrency: 2,
  // Two files run at once on two cores, and the axe audit keeps one busy: an axe run in the other file
  // (its first one parses axe-core) can take seconds.
  testFramework: { config: { timeout: 10000 } },
};
