/**
 * The server as production runs it: `server/main.ts` in a child process, configured by environment
 * variables, stopped with a real SIGTERM or SIGINT. Restarting keeps the port, so clients find it again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  readonly port: number;
  /** The process id (of npm, for `npm run serve`); tests read its memory under /proc. */
  readonly pid: number;
  /** Everything the process wrote so far, stdout and stderr interleaved. */
  output(): string;
  /** Sends `signal` and resolves with the exit code once the process has ended. */
  stop(signal?: 'SIGTERM' | 'SIGINT'): Promise<number | null>;
  /** Stops it (SIGTERM) and starts a new process on the same port with the same settings. */
  restart(): Promise<ServerProcess>;
}

/**
 * Which start: `server/main.ts` (production, the default), `demo/main.ts` (what `npm start` runs after
 * its build), or `npm run serve` itself, to prove that npm passes signals on to the server.
 */
export type ServerEntry = 'server/main.ts' | 'demo/main.ts' | 'npm run serve';

const commands: Record<ServerEntry, [string, string[]]> = {
  'server/main.ts': [process.execPath, ['--import', 'tsx', 'server/main.ts']],
  'demo/main.ts': [process.execPath, ['--import', 'tsx', 'demo/main.ts']],
  'npm run serve': ['npm', ['run', '--silent', 'serve']],
};

/** Starts `entry` with `env` (PORT 0 picks a free port) and resolves once it listens. */
export async function startServerProcess(
  env: Record<string, string>,
  { timeoutMs = 30_000, entry = 'server/main.ts' }: { timeoutMs?: number; entry?: ServerEntry } = {},
): Promise<ServerProcess> {
  const [command, args] = commands[entry];
  const child = spawn(command, args, {
    cwd: repoRoot,
    // Loopback only, as every test server: a test must not open a port to the network.
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
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
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      then();
    };
    const fail = (error: Error) => done(() => {
      child.kill('SIGKILL');
      reject(error);
    });
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });

  return serverProcess(child, port, env, entry, () => output, exited);
}

function serverProcess(
  child: ChildProcess,
  port: number,
  env: Record<string, string>,
  entry: ServerEntry,
  output: () => string,
  exited: Promise<number | null>,
): ServerProcess {
  return {
    port,
    pid: child.pid!,
    output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    async restart() {
      const code = await this.stop('SIGTERM');
      if (code !== 0) throw new Error(`server exited with ${code} on SIGTERM:\n${output()}`);
      return startServerProcess({ ...env, PORT: String(port) }, { entry });
    },
  };
}
