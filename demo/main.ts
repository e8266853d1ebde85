/**
 * The demo start: `npm start`. The production server plus the demo hotel's seed, the demo portal and
 * the anonymous dev token endpoint; it refuses a database that holds a real hotel.
 */
import { runServerProcess } from '../server/run.js';
import { demoExtension } from './demo-mode.js';

await runServerProcess({ demo: true, extension: demoExtension });
