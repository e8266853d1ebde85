import type { Alerts } from '../state/conversations/notifications.js';
import { createChatSession, type ChatSession, type ChatSessionDeps } from '../state/session/chat-session.js';
import { FakeApi, FakeRealtime, MemoryStorage } from './session-fakes.js';

// A real session over the fakes of session-fakes.ts, started and connected, for the tests that drive
// the session as the elements do; `stopStartedSessions` in an afterEach releases every one.

const running: ChatSession[] = [];

/** Stops every session `startedSession` made: `afterEach(stopStartedSessions)`. */
export function stopStartedSessions(): void {
  for (const session of running.splice(0)) session.stop();
}

/**
 * Creates a session for the hotel `grand` over `api` and a FakeRealtime, starts it and connects it.
 * Nothing is kept in the browser (both storages in memory), the page counts as looked at and read
 * marks go out at once; `deps` overrides any of that and adds the rest (alerts, a reminder clock).
 */
export async function startedSession(api: FakeApi, deps: ChatSessionDeps = {}): Promise<{ session: ChatSession; realtime: FakeRealtime }> {
  const realtime = new FakeRealtime();
  const session = createChatSession(
    { apiBase: '/api', hotel: 'grand', tokenProvider: async () => 'token' },
    {
      api,
      storage: new MemoryStorage(),
      windowStorage: new MemoryStorage(),
      connect: () => realtime,
      isPageActive: () => true,
      markReadDelayMs: 0,
      ...deps,
    },
  );
  running.push(session);
  await session.start();
  realtime.setState('connected');
  return { session, realtime };
}

/** Alerts that record each notification shown, with desktop notifications switched on as a person would in the panel's settings. */
export function recordingAlerts(): { alerts: Alerts; shown: [title: string, body: string, tag: string][] } {
  const shown: [string, string, string][] = [];
  const alerts: Alerts = {
    permission: () => 'granted',
    requestPermission: async () => 'granted',
    show: (title, body, tag) => void shown.push([title, body, tag]),
    beep: () => undefined,
    load: () => JSON.stringify({ desktop: true, sound: false }),
    save: () => undefined,
  };
  return { alerts, shown };
}
