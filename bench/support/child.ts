/**
 * Servers under test run in their own process, so the load generator and the clients never share an
 * event loop with them (on 2 cores: one for the server, one for the load). Each child script sends
 * `{type: 'ready', ...}` over IPC once it listens and answers `{type: 'rss'}` with its memory use.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Ready {
  type: 'ready';
  port: number;
  [key: string]: unknown;
}

export interface ChildServer<T extends Ready = Ready> {
  readonly ready: T;
  readonly pid: number;
  /** Resident set size of the child, in bytes, after a garbage collection when exposed. */
  rss(): Promise<number>;
  /** Asks the child to close gracefully; kills it when it has not exited within 10 s. */
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 30_000;

/**
 * Starts `bench/servers/<name>.ts` under tsx with `env` added and resolves once it is listening.
 * Extra `execArgv` (e.g. `--cpu-prof`) go to node.
 */
export function startChild<T extends Ready = Ready>(
  name: string,
  env: Record<string, string> = {},
  execArgv: string[] = [],
): Promise<ChildServer<T>> {
  const script = fileURLToPath(new URL(`../servers/${name}.ts`, import.meta.url));
  const child = fork(script, [], {
    env: { ...process.env, ...env },
    execArgv: ['--import', 'tsx', '--expose-gc', ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${STARTUP_TIMEOUT_MS} ms`));
    }, STARTUP_TIMEOUT_MS);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready`));
    };
    child.once('exit', onExit);
    child.once('message', (message) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(wrap<T>(name, child, message as T));
    });
  });
}

function wrap<T extends Ready>(name: string, child: ChildProcess, ready: T): ChildServer<T> {
  let stopping: Promise<void> | undefined;
  return {
    ready,
    pid: child.pid ?? -1,
    rss() {
      return new Promise((resolve) => {
        child.once('message', (message) => resolve((message as { rss: number }).rss));
        child.send({ type: 'rss' });
      });
    },
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => {
          console.error(`${name} did not stop within 10 s: killing it`);
          child.kill('SIGKILL');
        }, 10_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.send({ type: 'stop' });
      });
      return stopping;
    },
  };
}
