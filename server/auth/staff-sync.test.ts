import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StaffClaims, StaffMember } from '../../contract/index.js';
import { createStorage } from '../storage/index.js';
import { StaffSync } from './staff-sync.js';

test('writes a staff row once per identity, and again only when the claims change', async () => {
  const storage = await createStorage('file::memory:');
  const writes: StaffMember[] = [];
  const counting = Object.assign(Object.create(storage) as typeof storage, {
    upsertStaff: (hotel: string, staff: StaffMember) => {
      writes.push(staff);
      return storage.upsertStaff(hotel, staff);
    },
  });
  const sync = new StaffSync(counting);
  const claims: StaffClaims = { sub: 'anna', hotel: 'grand', name: 'Anna', exp: 2_000_000_000 };
  try {
    await Promise.all([sync.sync(claims), sync.sync(claims)]);
    await sync.sync({ ...claims, exp: 2_000_000_100 });
    assert.equal(writes.length, 1, 'a new token with the same identity costs nothing');
    await sync.sync({ ...claims, role: 'Concierge' });
    assert.equal(writes.length, 2);
    assert.equal((await storage.getStaff('grand', 'anna'))?.role, 'Concierge');
    await sync.sync({ ...claims, hotel: 'other' });
    assert.equal(writes.length, 3, 'the same id in another hotel is another person');
  } finally {
    await storage.close();
  }
});
