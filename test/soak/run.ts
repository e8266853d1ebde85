/**
 * `npm run soak`: the long soak. Sizes can be changed with flags:
 *   --clients 48 --conversations 12 --messages 125 --concurrency 2 --drop-every 40 --abort 0.03
 *   --postgres (instead of SQLite) --seed N (repeat a run's random choices)
 *   --newest-held: catch up from the newest id held instead of the newest id caught up to (loses messages)
 * Exits 1 unless zero messages were lost or duplicated.
 */
import { parseArgs } from 'node:util';
import { formatReport, runSoak } from './soak.js';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '48' },
    conversations: { type: 'string', default: '12' },
    messages: { type: 'string', default: '125' },
    concurrency: { type: 'string', default: '2' },
    'drop-every': { type: 'string', default: '40' },
    abort: { type: 'string', default: '0.03' },
    seed: { type: 'string' },
    postgres: { type: 'boolean', default: false },
    'newest-held': { type: 'boolean', default: false },
  },
});

const seed = values.seed ? Number(values.seed) : Date.now() % 1_000_000_007;
console.log(`soak seed ${seed}`);
const report = await runSoak({
  clients: Number(values.clients),
  conversations: Number(values.conversations),
  messagesPerClient: Number(values.messages),
  concurrency: Number(values.concurrency),
  dropEvery: Number(values['drop-every']),
  abortChance: Number(values.abort),
  database: values.postgres ? 'postgres' : 'sqlite',
  seed,
  afterIdRule: values['newest-held'] ? 'newest-held' : 'caught-up',
  log: (line) => console.log(`  ${line}`),
});
console.log(formatReport(report));
for (const problem of report.problems) console.log(`  ✗ ${problem}`);
process.exit(report.problems.length === 0 && report.lost === 0 && report.duplicated === 0 ? 0 : 1);
