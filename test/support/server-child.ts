/**
 * The server in a process of its own, for tests that measure the process (its memory, say): configured
 * by the environment like `server/main.ts`, but on 127.0.0.1 and quiet. Prints `listening PORT` once it
 * listens; SIGTERM closes it gracefully. Started by {@link startServerChild}.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const thisFile = fileURLToPath(import.meta.url);

export interface ServerChild {
  readonly pid: number;
  readonly port: number;
  /** Everything it wrote to stderr so far. */
  errors(): string;
  stop(): Promise<number | null>;
}

/** Starts this file as a child process with `env` added to the settings, and resolves once it listens. */
export async function startServerChild(env: Record<string, string>, timeoutMs = 30_000): Promise<ServerChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', thisFile], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', PORT: '0', STAFF_CHAT_CHILD_SERVER: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /listening (\d+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before listening:\n${stderr}`));
    });
  });
  return {
    pid: child.pid!,
    port,
    errors: () => stderr,
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

if (process.env.STAFF_CHAT_CHILD_SERVER === '1') {
  const { loadConfig } = await import('../../server/config.js');
  const { silentLogger } = await import('../../server/logger.js');
  const { startServer } = await import('../../server/server.js');
  const server = await startServer(loadConfig(), { hostname: '127.0.0.1', log: silentLogger });
  process.stdout.write(`listening ${server.port}\n`);
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
}
