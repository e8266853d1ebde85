import { expect } from '@open-wc/testing';
import type { PusherClientOptions } from '../../contract/index.js';
import { getPusherClient } from './pusher-client.js';

// Nothing listens on port 9 of localhost: these tests are about sharing and releasing the client,
// the real connection to the hub is covered by the end-to-end test.
const options: PusherClientOptions = {
  cluster: 'local',
  wsHost: '127.0.0.1',
  wsPort: 9,
  forceTLS: false,
  enabledTransports: ['ws'],
  disableStats: true,
};
const authorize = async () => ({ auth: 'key:signature' });

describe('getPusherClient', () => {
  it('shares one pusher-js instance per app and scope, and disconnects after the last release', async () => {
    const first = getPusherClient('app-key', options, authorize, 'grand/1');
    const second = getPusherClient('app-key', options, authorize, 'grand/1');
    const other = getPusherClient('app-key', options, authorize, 'grand/2');
    expect(first.bus).to.equal(second.bus);
    expect(first.bus).not.to.equal(other.bus);
    expect(first.state()).to.not.equal('disconnected');

    const states: string[] = [];
    second.onStateChange((state) => states.push(state));
    first.release();
    expect(second.state()).to.not.equal('disconnected');
    second.release();
    expect(second.state()).to.equal('disconnected');
    other.release();

    // After the last release a new call starts a fresh client.
    const fresh = getPusherClient('app-key', options, authorize, 'grand/1');
    expect(fresh.bus).not.to.equal(first.bus);
    fresh.release();
  });

  it('keeps the shared clients on globalThis, for a second copy of the script', () => {
    const client = getPusherClient('app-key-2', options, authorize);
    const shared = (globalThis as Record<symbol, unknown>)[Symbol.for('staff-chat.pusher')];
    expect(shared).to.be.instanceOf(Map);
    expect((shared as Map<string, unknown>).size).to.be.greaterThan(0);
    client.release();
  });

  it('withholds the socket id while two widgets share the socket', () => {
    const first = getPusherClient('app-key-3', options, authorize);
    const second = getPusherClient('app-key-3', options, authorize);
    expect(first.socketId()).to.equal(undefined);
    second.release();
    // Not connected, so still no id; the rule is exercised by the session tests through a fake.
    expect(first.socketId()).to.equal(undefined);
    first.release();
  });
});
