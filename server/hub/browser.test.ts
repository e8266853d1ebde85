/**
 * The browser build of pusher-js (node_modules/pusher-js/dist/web/pusher.js, unmodified) in Debian's
 * Chromium against a hub this test starts: presence (checklist item 9) and client events (item 8) over
 * a real browser WebSocket, with authorization through pusher-js's own XHR to an endpoint that signs
 * with the `pusher` SDK.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { APP, startHub, until, type TestHub } from '../testing/hub-harness.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PUSHER_WEB_BUILD = readFileSync(createRequire(import.meta.url).resolve('pusher-js/dist/web/pusher.js'), 'utf8');
const CHANNEL = 'presence-browser';

/**
 * The page: pusher.js from node_modules, and `join(user)`, which connects, subscribes to the presence
 * channel and records what pusher-js hands to its handlers in `window.log`.
 */
const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>hub browser test</title>
<script src="/pusher.js"></script>
<script>
  window.log = [];
  window.join = (user) => {
    const pusher = new Pusher(${JSON.stringify(APP.key)}, {
      cluster: 'mt1',
      wsHost: location.hostname,
      wsPort: Number(location.port),
      forceTLS: false,
      enabledTransports: ['ws'],
      disableStats: true,
      channelAuthorization: { endpoint: '/auth?user=' + encodeURIComponent(user), transport: 'ajax' },
    });
    const channel = pusher.subscribe(${JSON.stringify(CHANNEL)});
    channel.bind('pusher:subscription_succeeded', (members) =>
      log.push({ event: 'subscribed', count: members.count, me: members.me, ids: Object.keys(members.members).sort() }));
    channel.bind('pusher:member_added', (member) => log.push({ event: 'member_added', member }));
    channel.bind('pusher:member_removed', (member) => log.push({ event: 'member_removed', member }));
    channel.bind('client-typing', (data, metadata) => log.push({ event: 'client-typing', data, metadata }));
    channel.bind('server-note', (data) => log.push({ event: 'server-note', data }));
    window.pusher = pusher;
    window.channel = channel;
  };
</script>`;

const NAMES: Record<string, string> = { ann: 'Ann', bob: 'Bob' };

type LogEntry = { event: string; [field: string]: unknown };

describe('pusher-js in Chromium against the hub', { timeout: 30_000 }, () => {
  let t: TestHub;
  let browser: Browser;
  const pages: Page[] = [];

  before(async () => {
    t = await startHub(
      { limits: { memberLeaveDelayMs: 100 } },
      {
        routes: (app) => {
          app.get('/', (c) => c.html(PAGE));
          app.get('/pusher.js', (c) => c.body(PUSHER_WEB_BUILD, 200, { 'content-type': 'text/javascript' }));
          // What an app's auth endpoint does: pusher-js posts socket_id and channel_name, form-encoded.
          app.post('/auth', async (c) => {
            const form = await c.req.parseBody();
            const user = c.req.query('user') ?? '';
            const member = { user_id: user, user_info: { name: NAMES[user] ?? user } };
            return c.json(t.sdk.authorizeChannel(form.socket_id as string, form.channel_name as string, member));
          });
        },
      },
    );
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  after(async () => {
    // Clean closes from the browser side, so the hub never has to drop a socket.
    for (const page of pages) if (!page.isClosed()) await page.evaluate('window.pusher?.disconnect()').catch(() => {});
    await browser?.close();
    await t?.close();
  });

  async function pageAs(user: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    page.on('pageerror', (error) => assert.fail(`page error as ${user}: ${error.message}`));
    pages.push(page);
    await page.goto(`http://127.0.0.1:${t.port}/`);
    await page.evaluate(`join(${JSON.stringify(user)})`);
    await page.waitForFunction(`log.some((entry) => entry.event === 'subscribed')`);
    return page;
  }

  const logOf = (page: Page) => page.evaluate<LogEntry[]>('log');
  const waitForLog = (page: Page, predicate: string) => page.waitForFunction(`log.some((entry) => ${predicate})`);

  it('joins a presence channel, sees members come and go, and exchanges client events', async () => {
    const ann = await pageAs('ann');
    assert.deepEqual((await logOf(ann))[0], { event: 'subscribed', count: 1, me: { id: 'ann', info: { name: 'Ann' } }, ids: ['ann'] });

    const bob = await pageAs('bob');
    assert.deepEqual((await logOf(bob))[0], {
      event: 'subscribed',
      count: 2,
      me: { id: 'bob', info: { name: 'Bob' } },
      ids: ['ann', 'bob'],
    });
    await waitForLog(ann, `entry.event === 'member_added'`);
    assert.deepEqual((await logOf(ann))[1], { event: 'member_added', member: { id: 'bob', info: { name: 'Bob' } } });

    // A client event from Ann reaches Bob with her user_id, and is not echoed to Ann.
    assert.equal(await ann.evaluate(`channel.trigger('client-typing', { typing: true })`), true);
    await waitForLog(bob, `entry.event === 'client-typing'`);
    assert.deepEqual((await logOf(bob)).at(-1), { event: 'client-typing', data: { typing: true }, metadata: { user_id: 'ann' } });
    // Bob answers; when his event reaches Ann, an echo of hers would already have arrived before it.
    await bob.evaluate(`channel.trigger('client-typing', { typing: false })`);
    await waitForLog(ann, `entry.event === 'client-typing'`);
    const annTyping = (await logOf(ann)).filter((entry) => entry.event === 'client-typing');
    assert.deepEqual(annTyping, [{ event: 'client-typing', data: { typing: false }, metadata: { user_id: 'bob' } }]);
    assert.ok(!(await logOf(bob)).some((entry) => entry.event === 'member_added'), 'nobody is told about their own join');

    // A server event through the SDK reaches both browsers.
    await t.sdk.trigger(CHANNEL, 'server-note', { text: 'shift change <at> 6' });
    for (const page of [ann, bob]) {
      await waitForLog(page, `entry.event === 'server-note'`);
      assert.deepEqual((await logOf(page)).at(-1), { event: 'server-note', data: { text: 'shift change <at> 6' } });
    }

    // Bob closes his window: Ann is told he left, and the hub forgets him.
    await bob.close();
    await waitForLog(ann, `entry.event === 'member_removed'`);
    assert.deepEqual((await logOf(ann)).at(-1), { event: 'member_removed', member: { id: 'bob', info: { name: 'Bob' } } });
    assert.equal(await ann.evaluate('channel.members.count'), 1);
    await until(() => t.hub.stats().sockets === 1, "the hub to forget Bob's socket");
    assert.deepEqual(t.hub.stats(), { sockets: 1, channels: 1, presenceMembers: 1, users: 0, admitted: 1, addresses: 1 });
  });
});
