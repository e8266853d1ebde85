/**
 * The one launcher of server child processes, for tests and benchmarks: the server as production runs
 * it (`server/main.ts`), configured by environment variables, stopped with a real SIGTERM or SIGINT;
 * or a benchmark's baseline server, which announces itself the same way. Restarting keeps the port, so
 * clients find it again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const probeScript = fileURLToPath(new URL('./process-probe.ts', import.meta.url));

export interface ServerProcess {
  readonly port: number;
  /** The process id (of npm, for `npm run serve`); tests read its memory under /proc. */
  readonly pid: number;
  /** Everything the process wrote so far, stdout and stderr interleaved. */
  output(): string;
  /**
   * Resident set size in bytes: with `probe`, measured by the child after a garbage collection; else
   * read from /proc (Linux), of npm itself for `npm run serve`.
   */
  rss(): Promise<number>;
  /** Sends `signal` and resolves with the exit code once the process has ended. */
  stop(signal?: 'SIGTERM' | 'SIGINT'): Promise<number | null>;
  /** Stops it (SIGTERM) and starts a new process on the same port with the same settings. */
  restart(): Promise<ServerProcess>;
}

/**
 * Which start: `server/main.ts` (production, the default), `demo/main.ts` (what `npm start` runs after
 * its build), `npm run serve` itself, to prove that npm passes signals on to the server, or another
 * script of the repository (a benchmark's baseline server), run under tsx like the first two. Each
 * prints `listening on http://HOST:PORT` once it listens and ends gracefully on SIGTERM.
 */
export type ServerEntry = 'server/main.ts' | 'demo/main.ts' | 'npm run serve' | `bench/servers/${string}.ts`;

export interface ServerProcessOptions {
  /** How long it may take to listen; default 30 s. */
  timeoutMs?: number;
  /** Default `server/main.ts`. */
  entry?: ServerEntry;
  /** Extra node flags for a script entry, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** Load process-probe.ts into a script entry: {@link ServerProcess.rss} after a GC, stop when the parent goes. */
  probe?: boolean;
}

function command(entry: ServerEntry, nodeArgs: string[], probe: boolean): [string, string[]] {
  if (entry === 'npm run serve') return ['npm', ['run', '--silent', 'serve']];
  const probing = probe ? ['--expose-gc', '--import', probeScript] : [];
  return [process.execPath, ['--import', 'tsx', ...probing, ...nodeArgs, entry]];
}

/** Starts `entry` with `env` (PORT 0 picks a free port) and resolves once it listens. */
export async function startServerProcess(env: Record<string, string>, options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const { timeoutMs = 30_000, entry = 'server/main.ts', nodeArgs = [], probe = false } = options;
  const [program, args] = command(entry, nodeArgs, probe);
  const child = spawn(program, args, {
    cwd: repoRoot,
    // Loopback only, as every test server: a test must not open a port to the network.
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe', probe ? 'ipc' : 'ignore'],
  });
  const { stdout, stderr } = child;
  if (!stdout || !stderr) throw new Error(`${entry}: spawned without its output pipes`);
  let output = '';
  stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`server did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = () => {
      const match = /listening on https?:\/\/[^:\s]+:(\d+)/.exec(output);
      if (match) done(() => resolve(Number(match[1])));
    };
    const onExit = (code: number | null) => fail(new Error(`server exited with ${code} before listening:\n${output}`));
    const done = (then: () => void) => {
      clearTimeout(timer);
      stdout.off('data', onData);
      child.off('exit', onExit);
      then();
    };
    const fail = (error: Error) =>
      done(() => {
        child.kill('SIGKILL');
        reject(error);
      });
    stdout.on('data', onData);
    child.once('exit', onExit);
  });

  return serverProcess(child, port, env, options, () => output, exited);
}

function serverProcess(
  child: ChildProcess,
  port: number,
  env: Record<string, string>,
  options: ServerProcessOptions,
  output: () => string,
  exited: Promise<number | null>,
): ServerProcess {
  return {
    port,
    pid: child.pid!,
    output,
    rss: () => (options.probe ? probedRss(child) : residentBytes(child.pid!)),
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    async restart() {
      const code = await this.stop('SIGTERM');
      if (code !== 0) throw new Error(`server exited with ${code} on SIGTERM:\n${output()}`);
      return startServerProcess({ ...env, PORT: String(port) }, options);
    },
  };
}

function probedRss(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve((message as { rss: number }).rss));
    child.send({ type: 'rss' });
  });
}

/** VmRSS of `pid` in bytes, from /proc (Linux); throws once the process is gone. */
export async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kilobytes = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  if (kilobytes === undefined) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kilobytes) * 1024;
}
