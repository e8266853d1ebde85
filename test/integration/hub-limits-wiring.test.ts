/**
 * The hub limit settings reach the embedded hub through startServer: STAFF_CHAT_TRUST_PROXY decides
 * whose address counts, STAFF_CHAT_HUB_MAX_CONNECTIONS_PER_IP how many it may hold. (The attacks
 * themselves are in server/hub/*.test.ts.)
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { startHardenedStack, type HardenedStack } from './hardened-stack.js';

/** The first frame the hub sends a new socket that our proxy says comes from `forwardedFor`. */
async function firstFrame(stack: HardenedStack, forwardedFor: string): Promise<{ event: string; ws: WebSocket }> {
  const config = (await (await fetch(`${stack.origin}/api/staff_chat/config`)).json()) as { pusher: { key: string } };
  const ws = new WebSocket(`${stack.origin.replace('http', 'ws')}/app/${config.pusher.key}?protocol=7`, {
    headers: { 'X-Forwarded-For': forwardedFor },
  });
  const [data] = (await once(ws, 'message')) as [Buffer];
  return { event: (JSON.parse(String(data)) as { event: string }).event, ws };
}

describe('hub limit settings through startServer', { timeout: 15_000 }, () => {
  let stack: HardenedStack;
  before(async () => {
    stack = await startHardenedStack('sqlite', { STAFF_CHAT_TRUST_PROXY: '1', STAFF_CHAT_HUB_MAX_CONNECTIONS_PER_IP: '1' });
  });
  after(() => stack.close());

  it('counts the address our proxy put in X-Forwarded-For, one socket each', async () => {
    const first = await firstFrame(stack, '198.51.100.20');
    assert.equal(first.event, 'pusher:connection_established');
    const second = await firstFrame(stack, '198.51.100.20');
    assert.equal(second.event, 'pusher:error');
    const [code] = (await once(second.ws, 'close')) as [number];
    assert.equal(code, 4100);
    const other = await firstFrame(stack, '198.51.100.21');
    assert.equal(other.event, 'pusher:connection_established');
    first.ws.close();
    other.ws.close();
  });
});
