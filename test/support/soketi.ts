/**
 * A real soketi (the `@soketi/soketi` dev dependency) in a child process, the self-hosted engine that the
 * realtime suites run against besides the embedded hub. Everything it opens is on 127.0.0.1: its
 * WebSocket and HTTP port, its `/usage` (metrics) port, which soketi always opens, and the UDP port of
 * its cluster discovery, which soketi always starts and which otherwise broadcasts to 255.255.255.255
 * (so it is bound to loopback and told to talk to itself only; nodes find each other through Redis).
 *
 * Several nodes share messages through the Redis adapter when `redisPrefix` is given; each test run
 * uses its own prefix, so runs that share the Redis at 127.0.0.1:6379 do not hear each other.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { residentBytes } from './server-process.js';

const soketiBin = fileURLToPath(new URL('../../node_modules/@soketi/soketi/bin/server.js', import.meta.url));

/** The Redis that the multi-node set-ups share. */
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

export interface SoketiApp {
  appId: string;
  key: string;
  secret: string;
}

export interface SoketiOptions {
  /** Share channels with every other node started with the same prefix (soketi's Redis adapter). */
  redisPrefix?: string;
  /** How long startup may take; soketi needs 2–4 s on this machine to load its drivers. */
  timeoutMs?: number;
}

export interface SoketiNode {
  /** WebSocket (`/app/{key}`) and HTTP API (`/apps/{id}/…`) port, on 127.0.0.1. */
  readonly port: number;
  readonly pid: number;
  /** Everything the process wrote so far. */
  output(): string;
  /** Resident set size of the process, in bytes (Linux: /proc/PID/status). */
  rss(): Promise<number>;
  /** SIGTERM (soketi closes every socket with 4200, then exits); resolves once the process has ended. */
  close(): Promise<void>;
}

/** A port that was free a moment ago; soketi needs explicit ports, and startup fails loudly on a clash. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Starts one soketi node serving `app` and resolves once its HTTP API answers. */
export async function startSoketi(app: SoketiApp, { redisPrefix, timeoutMs = 30_000 }: SoketiOptions = {}): Promise<SoketiNode> {
  const [port, metricsPort, discoveryPort] = [await freePort(), await freePort(), await freePort()];
  // A config file rather than SOKETI_* variables: soketi JSON-parses every variable, so a key or id
  // made of digits would turn into a number.
  const dir = mkdtempSync(join(tmpdir(), 'staff-chat-soketi-'));
  const config: Record<string, unknown> = {
    host: '127.0.0.1',
    port,
    'metrics.enabled': false,
    'metrics.host': '127.0.0.1',
    'metrics.port': metricsPort,
    'cluster.address': '127.0.0.1',
    'cluster.hostname': '127.0.0.1',
    'cluster.port': discoveryPort,
    'cluster.unicast': `127.0.0.1:${discoveryPort}`,
    // Closing sockets is immediate anyway; the default waits 3 s more before exiting.
    shutdownGracePeriod: 50,
    'appManager.array.apps': [
      {
        id: app.appId,
        key: app.key,
        secret: app.secret,
        enabled: true,
        enableClientMessages: true, // the widget's `client-typing`
        maxConnections: -1,
        maxBackendEventsPerSecond: -1,
        maxClientEventsPerSecond: -1,
        maxReadRequestsPerSecond: -1,
        webhooks: [],
      },
    ],
    ...(redisPrefix !== undefined && {
      'adapter.driver': 'redis',
      'adapter.redis.prefix': redisPrefix,
      'database.redis.host': '127.0.0.1',
      'database.redis.port': 6379,
      'database.redis.keyPrefix': `${redisPrefix}:`,
    }),
  };
  const configPath = join(dir, 'soketi.json');
  writeFileSync(configPath, JSON.stringify(config));

  // cwd is the empty directory: soketi reads a `.env` from its working directory.
  const child = spawn(process.execPath, [soketiBin, 'start', `--config=${configPath}`], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });

  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
    cleanUp();
  };

  // soketi prints "up and running" even when its listen failed, so readiness is its answer at `/`.
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      cleanUp();
      throw new Error(`soketi exited with ${child.exitCode} before listening:\n${output}`);
    }
    const answer = await fetch(`http://127.0.0.1:${port}/`).then(
      (response) => response.text(),
      () => '',
    );
    if (answer === 'OK') break;
    if (Date.now() > deadline) {
      await close();
      throw new Error(`soketi did not answer on ${port} within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const pid = child.pid ?? 0;
  return { port, pid, output: () => output, rss: () => residentBytes(pid), close };
}

/** The server's settings for a self-hosted engine at `port` (README "Realtime"). */
export function engineEnv(app: SoketiApp, port: number): Record<string, string> {
  return {
    PUSHER_APP_ID: app.appId,
    PUSHER_KEY: app.key,
    PUSHER_SECRET: app.secret,
    PUSHER_HOST: '127.0.0.1',
    PUSHER_PORT: String(port),
    PUSHER_USE_TLS: '0',
  };
}
