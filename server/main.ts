/**
 * The production start: `npm run serve`. It never loads demo code: no demo hotel, no demo pages, no dev
 * token endpoint, whatever the environment says (the demo is `npm start`, `demo/main.ts`).
 */
import { runServerProcess } from './run.js';

if (process.env.STAFF_CHAT_DEMO !== undefined) {
  console.warn('STAFF_CHAT_DEMO is ignored: `npm run serve` is always production; the demo is `npm start`.');
}
await runServerProcess({ demo: false });
