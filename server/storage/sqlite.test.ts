import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createStorage } from './index.js';
import { describeStorageContract } from './storage-contract.suite.js';

describeStorageContract('SQLite', (options) => createStorage('file::memory:', options));

describe('createStorage with SQLite files', () => {
  const folder = mkdtempSync(join(tmpdir(), 'staff-chat-storage-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('creates the folder, migrates once and keeps the data across reopenings', async () => {
    const path = join(folder, 'nested', 'chat.sqlite');
    const first = await createStorage(`file:${path}`);
    await first.upsertStaff('grand', { id: 'ann', full_name: 'Ann', avatar: null, department: null, role: null });
    await first.close();
    assert.ok(existsSync(path));

    const second = await createStorage(`file:${path}`);
    try {
      assert.equal((await second.getStaff('grand', 'ann'))?.full_name, 'Ann');
    } finally {
      await second.close();
    }
  });

  it('rejects a DATABASE_URL it does not understand', async () => {
    await assert.rejects(createStorage('mysql://localhost/chat'), /DATABASE_URL/);
    await assert.rejects(createStorage('file:'), /DATABASE_URL/);
  });
});
