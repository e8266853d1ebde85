/**
 * The colleague probe: while an attack runs, other staff keep doing normal things, and what they wait
 * is what the suite judges the server by. The colleagues run in a child process (colleague-process.ts)
 * so an attack that keeps this process busy is not mistaken for a slow server.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChatConfig } from '../../contract/index.js';
import { COLLEAGUE_GIVE_UP_MS, RSS_ABORT_MB } from './bounds.js';
import type { HostileServer } from './hostile-server.js';

/** What the colleague process needs to know. */
export interface ProbeSetup {
  api: string;
  hotel: string;
  config: ChatConfig;
  serverPid: number;
  conversationId: number;
  channel: string;
  senderTokens: string[];
  receiverToken: string;
  /** A new colleague action starts this often. */
  intervalMs: number;
  /** Every this many actions, a colleague also opens a new socket; 0: never. */
  connectEvery: number;
  giveUpMs: number;
  rssAbortMb: number;
}

export type ProbeCommand = { type: 'setup'; setup: ProbeSetup } | { type: 'phase'; name: string } | { type: 'stop' };

/** One colleague action: listing conversations, sending, the receiver getting it (from the send's start), opening a socket. */
export interface ProbeSample {
  phase: string;
  kind: 'list' | 'send' | 'deliver' | 'connect';
  ms: number;
  ok: boolean;
  detail?: string;
}

export interface ProbeReport {
  samples: ProbeSample[];
  /** Server RSS in MB per phase. */
  rss: Record<string, { peak: number; first: number; last: number }>;
}

export type ProbeEvent =
  | { type: 'loaded' }
  | { type: 'ready' }
  | { type: 'phase-started'; name: string }
  | { type: 'rss-abort'; mb: number }
  | { type: 'failed'; error: string }
  | ({ type: 'report' } & ProbeReport);

const colleagueProcess = fileURLToPath(new URL('./colleague-process.ts', import.meta.url));

export interface ColleagueProbe {
  /** Starts counting samples under a new phase name (e.g. `attack`). */
  phase(name: string): Promise<void>;
  /** Aborted once the server's RSS passes {@link RSS_ABORT_MB}: attacks stop at once. */
  readonly abort: AbortSignal;
  /** Stops the colleagues, waits for their last actions, and returns everything they measured. */
  stop(): Promise<ProbeReport>;
}

/** The colleague process, started ahead (it takes a second to load), e.g. while the server starts. */
export interface ColleagueProcess {
  readonly child: ChildProcess;
  readonly loaded: Promise<void>;
}

/**
 * Forks the colleague process; {@link startColleagueProbe} gives it its work once the server runs, and
 * it serves one attack after another. It ends when this process does (or on `child.kill()`).
 */
export function forkColleagues(): ColleagueProcess {
  const child = fork(colleagueProcess, [], {
    execArgv: ['--import', 'tsx', '--no-deprecation'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const loaded = new Promise<void>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`colleague process exited with ${code} while loading`));
    child.once('exit', onExit);
    child.once('message', () => {
      child.off('exit', onExit);
      resolve();
    });
  });
  // The caller may give up on the server before awaiting this.
  loaded.catch(() => {});
  return { child, loaded };
}

/**
 * Enrols four senders and a receiver, creates their group conversation through the API, and starts
 * the colleagues (in the `baseline` phase).
 */
export async function startColleagueProbe(
  server: HostileServer,
  colleagues: ColleagueProcess,
  options: { newSockets?: boolean } = {},
): Promise<ColleagueProbe> {
  const senders = ['colleague-1', 'colleague-2', 'colleague-3', 'colleague-4'];
  const tokens = await server.enrol([...senders, 'colleague-receiver']);
  const conversation = await server.conversation(tokens.get('colleague-1')!, [...senders.slice(1), 'colleague-receiver'], 'Front desk');
  const setup: ProbeSetup = {
    api: server.api,
    hotel: server.hotel,
    config: server.config,
    serverPid: server.pid,
    conversationId: conversation.id,
    channel: conversation.channel,
    senderTokens: senders.map((id) => tokens.get(id)!),
    receiverToken: tokens.get('colleague-receiver')!,
    intervalMs: 200,
    connectEvery: options.newSockets === false ? 0 : 5,
    giveUpMs: COLLEAGUE_GIVE_UP_MS,
    rssAbortMb: RSS_ABORT_MB,
  };

  await colleagues.loaded;
  const { child } = colleagues;
  const controller = new AbortController();
  const events = new EventTarget();
  let failure: string | undefined;
  const onEvent = (event: ProbeEvent) => {
    if (event.type === 'rss-abort') controller.abort(new Error(`server RSS reached ${event.mb.toFixed(0)} MB; attack stopped`));
    if (event.type === 'failed') failure = event.error;
    events.dispatchEvent(Object.assign(new Event(event.type), { event }));
  };
  child.on('message', onEvent);
  const next = <T extends ProbeEvent['type']>(type: T) =>
    new Promise<Extract<ProbeEvent, { type: T }>>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`colleague process exited with ${code}${failure ? `: ${failure}` : ''}`));
      child.once('exit', onExit);
      events.addEventListener(
        type,
        (e) => {
          child.off('exit', onExit);
          resolve((e as Event & { event: Extract<ProbeEvent, { type: T }> }).event);
        },
        { once: true },
      );
    });

  const ready = next('ready');
  child.send({ type: 'setup', setup } satisfies ProbeCommand);
  await ready;

  return {
    abort: controller.signal,
    async phase(name) {
      const started = next('phase-started');
      child.send({ type: 'phase', name } satisfies ProbeCommand);
      await started;
    },
    async stop() {
      const report = next('report');
      child.send({ type: 'stop' } satisfies ProbeCommand);
      const { samples, rss } = await report;
      child.off('message', onEvent);
      return { samples, rss };
    },
  };
}
