import { StartRefusedError, type ServerExtension } from '../server/extension.js';
import type { Storage } from '../server/storage/index.js';
import { devTokenRoutes } from './dev-token.js';
import { demoRoutes } from './routes.js';
import { DEMO_HOTEL } from './seed-data.js';
import { seedDemoHotel } from './seed.js';

/**
 * Refuses a database that holds any hotel but the demo's. The demo's token endpoint is anonymous, so
 * running it on a production database would let anyone sign in as its staff; a real hotel in the
 * database is the sign that someone ran `npm start` where `npm run serve` was meant.
 */
export async function assertDemoDatabase(storage: Storage): Promise<void> {
  const others = (await storage.listHotels()).filter((hotel) => hotel !== DEMO_HOTEL);
  if (others.length === 0) return;
  const named = others.slice(0, 5).join(', ') + (others.length > 5 ? ` and ${others.length - 5} more` : '');
  throw new StartRefusedError(
    `The demo refuses to start: this database holds hotels other than the demo hotel (${named}). ` +
      '`npm start` is the demo, with an open token endpoint; start production with `npm run serve`, ' +
      'or point the demo at a database of its own (DATABASE_URL).',
  );
}

/** What `npm start` adds to the server: the guard above, the demo hotel's seed, its pages and the dev token endpoint. */
export const demoExtension: ServerExtension = {
  async prepare(storage) {
    await assertDemoDatabase(storage);
    await seedDemoHotel(storage);
  },
  apiRoutes: (deps) => ({ '/dev/token': devTokenRoutes(deps) }),
  pages: demoRoutes,
};
