/**
 * A deploy, as a person at the portal sees it: the server runs as `npm start` runs it (server/main.ts
 * in its own process, demo mode, the embedded hub, no secrets set, SQLite in a data folder), a chat
 * window is open, the server is stopped with SIGTERM and started again on the same port with the same
 * data folder. The tab must be live again by itself: a colleague's message arrives over the socket,
 * with no reload and no poll. Then the same with a restart that changes the hub's key, which the old
 * key's socket is refused for (4001): the widget must find the new one in `GET /api/staff_chat/config`.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Conversation, ConversationList } from '../../contract/index.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';

/** What `npm start` runs after its build: the demo start, with no secrets set. */
const DEMO = { entry: 'demo/main.ts' } as const;
import { launchChromium, openConversation } from './support/portal.js';

/** The widget polls every 15 s while realtime is down; a live message comes far sooner. */
const LIVE_WITHIN_MS = 5_000;
/** How long the tab may take to be live again once the server listens. */
const BACK_WITHIN_MS = 20_000;

/** What the page tells about itself, each entry stamped on arrival in this process. */
interface Watched {
  page: Page;
  /** `?debug` console lines: `[staff-chat] subscribed private-…`, `[staff-chat] event …`. */
  logs: { at: number; text: string }[];
  /** `staff-chat-connection-change` states. */
  states: { at: number; state: string }[];
  /** REST requests for messages (history, catch-up and polling all fetch `…/messages/`). */
  messageFetches: number[];
}

/** The demo portal as `staffId` with `?debug`, in its own browser context, watched from the start. */
async function openWatchedPortal(browser: Browser, baseUrl: string, staffId: string): Promise<Watched> {
  const page = await (await browser.newContext()).newPage();
  const watched: Watched = { page, logs: [], states: [], messageFetches: [] };
  page.on('pageerror', (error) => assert.fail(`page error as ${staffId}: ${error.message}`));
  page.on('console', (message) => {
    if (message.text().startsWith('[staff-chat]')) watched.logs.push({ at: Date.now(), text: message.text() });
  });
  page.on('request', (request) => {
    if (/\/conversations\/\d+\/messages\//.test(request.url())) watched.messageFetches.push(Date.now());
  });
  await page.exposeFunction('recordConnection', (state: string) => watched.states.push({ at: Date.now(), state }));
  await page.addInitScript(() => {
    const record = (globalThis as unknown as { recordConnection: (state: string) => void }).recordConnection;
    document.addEventListener('staff-chat-connection-change', (event) => record(event.detail.state));
  });
  await page.goto(`${baseUrl}/?as=${staffId}&debug`);
  return watched;
}

/** Polls `condition` until it holds or `timeoutMs` passes (the page reports through callbacks, not promises). */
async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function devToken(baseUrl: string, staffId: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/staff_chat/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ hotel: 'seaview', staff_id: staffId }),
  });
  assert.equal(response.status, 200);
  return ((await response.json()) as { token: string }).token;
}

async function directConversation(baseUrl: string, token: string, withStaffId: string): Promise<Conversation> {
  const response = await fetch(`${baseUrl}/api/staff_chat/seaview/conversations/`, { headers: { authorization: `Bearer ${token}` } });
  const { results } = (await response.json()) as ConversationList;
  const found = results.find((c) => !c.is_group && c.participants.some((p) => p.id === withStaffId));
  assert.ok(found, `a 1:1 conversation with ${withStaffId} is seeded`);
  return found;
}

async function send(baseUrl: string, token: string, conversationId: number, message: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/staff_chat/seaview/conversations/${conversationId}/send-message/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ message }),
  });
  assert.equal(response.status, 201);
}

describe('a server restart with the default settings (demo mode, embedded hub)', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let server: ServerProcess;
  let browser: Browser;
  let anna: Watched;
  let annasWindow: Locator;
  let conversation: Conversation;
  let baseUrl: string;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'staff-chat-restart-'));
    env = { DATABASE_URL: `file:${join(dataDir, 'staff-chat.sqlite')}`, STAFF_CHAT_UPLOAD_DIR: join(dataDir, 'uploads') };
    server = await startServerProcess(env, DEMO);
    baseUrl = `http://127.0.0.1:${server.port}`;
    browser = await launchChromium();
    anna = await openWatchedPortal(browser, baseUrl, 'anna');
    annasWindow = await openConversation(anna.page, 'Carla Mendes');
    conversation = await directConversation(baseUrl, await devToken(baseUrl, 'anna'), 'carla');
    await waitUntil(() => subscribedSince(0), BACK_WITHIN_MS, 'the first subscription of the conversation');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** The conversation's channel was confirmed by the hub at or after `since`. */
  const subscribedSince = (since: number) =>
    anna.logs.some((log) => log.at >= since && log.text === `[staff-chat] subscribed ${conversation.channel}`);

  /**
   * Stops the server, runs `start` for the next one, and waits until the open window's channel is
   * subscribed again; prints how long that took.
   */
  async function restartAndWaitForLive(label: string, start: () => Promise<ServerProcess>): Promise<void> {
    const stoppedAt = Date.now();
    assert.equal(await server.stop('SIGTERM'), 0, `the server exits cleanly on SIGTERM:\n${server.output()}`);
    server = await start();
    assert.equal(server.port, Number(new URL(baseUrl).port));
    const listeningAt = Date.now();
    await waitUntil(() => subscribedSince(listeningAt), BACK_WITHIN_MS, 'the conversation channel subscribed again');
    const liveAt = Date.now();
    console.info(
      `${label}: SIGTERM to listening ${listeningAt - stoppedAt} ms, listening to live ${liveAt - listeningAt} ms, restart to live ${liveAt - stoppedAt} ms`,
    );
  }

  /** Carla sends through the REST API; Anna's open window shows it, delivered over the socket. */
  async function assertArrivesLive(text: string): Promise<void> {
    const carla = await devToken(baseUrl, 'carla');
    const sentAt = Date.now();
    await send(baseUrl, carla, conversation.id, text);
    await annasWindow.getByRole('log').getByText(text).waitFor({ timeout: LIVE_WITHIN_MS });
    const arrivedAt = Date.now();
    assert.deepEqual(
      anna.messageFetches.filter((at) => at >= sentAt),
      [],
      'no REST fetch of messages between the send and its arrival: it came over the socket',
    );
    assert.ok(
      anna.logs.some(
        (log) => log.at >= sentAt && log.text.startsWith(`[staff-chat] event ${conversation.channel} realtime_staff_chat_message_created`),
      ),
      'the widget logged the realtime event',
    );
    assert.equal(anna.states.at(-1)?.state, 'connected');
    console.info(`message sent to shown: ${arrivedAt - sentAt} ms`);
  }

  test('the open chat window is live again after the restart, by itself, with the same key', async () => {
    const keyBefore = await hubKey(baseUrl);
    await restartAndWaitForLive('restart', () => server.restart());
    assert.equal(await hubKey(baseUrl), keyBefore, 'the generated hub key survives the restart');
    await assertArrivesLive(`Back after the restart ${Date.now()}`);
  });

  test('after a restart with another hub key, the tab asks for the config and moves to the new key by itself', async () => {
    const keyBefore = await hubKey(baseUrl);
    const changed = {
      ...env,
      PORT: String(server.port),
      PUSHER_APP_ID: '424242',
      PUSHER_KEY: 'key-of-the-new-deploy',
      PUSHER_SECRET: 'secret-of-the-new-deploy',
    };
    const statesBefore = anna.states.length;
    await restartAndWaitForLive('restart with a new key', () => startServerProcess(changed, DEMO));
    assert.notEqual(keyBefore, 'key-of-the-new-deploy');
    assert.equal(await hubKey(baseUrl), 'key-of-the-new-deploy');
    // Whether the old key was refused first (4001) depends on who is quicker, pusher-js's retry or the
    // widget's probe of the config; either way only the probe can have found the new key.
    assert.ok(
      anna.states.slice(statesBefore).some(({ state }) => state !== 'connected'),
      'the socket dropped at the restart',
    );
    assert.ok(
      anna.logs.some((log) => log.text.startsWith('[staff-chat] pusher reconnecting key-of-the-new-deploy')),
      'the client moved to the new key',
    );
    await assertArrivesLive(`Live with the new key ${Date.now()}`);
  });
});

async function hubKey(baseUrl: string): Promise<string> {
  const config = (await (await fetch(`${baseUrl}/api/staff_chat/config`)).json()) as { pusher: { key: string } };
  return config.pusher.key;
}
