import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_MESSAGE_MAX_LENGTH, type PusherClientOptions } from '../contract/index.js';
import { DEFAULT_POSTGRES_TIMEOUTS, type PostgresTimeouts } from './storage/postgres.js';
import { DEFAULT_SQLITE_SYNCHRONOUS, type SqliteSynchronous } from './storage/sqlite.js';
import { DEFAULT_HUB_LIMITS, type HubLimits } from './hub/index.js';

/** Where events go: the hub inside this process, or hosted Pusher / a self-hosted compatible engine. */
export type RealtimeConfig =
  | {
      mode: 'embedded';
      /** Given by PUSHER_APP_ID/KEY/SECRET, or derived from the JWT secret (the same after every restart). */
      appId: string;
      key: string;
      secret: string;
      /** STAFF_CHAT_HUB_WEBHOOK_URLS: where the hub posts Pusher-style webhooks, signed with `secret`. */
      webhooks: { url: string }[];
    }
  | {
      mode: 'external';
      appId: string;
      key: string;
      secret: string;
      cluster?: string;
      host?: string;
      port?: number;
      useTLS: boolean;
    };

export interface Config {
  port: number;
  /** HOST: the interface to listen on; undefined listens on every one. */
  host: string | undefined;
  /** `file:PATH` (SQLite) or `postgres://…`; defaults to the SQLite file `./data/staff-chat.sqlite`. */
  databaseUrl: string;
  jwtSecret: string;
  /** The demo start (`npm start`): a JWT secret is generated when none is set. Never true in production. */
  demo: boolean;
  realtime: RealtimeConfig;
  /** CORS origins of the host portals; `['*']` allows any. Empty: same-origin only. */
  allowedOrigins: string[];
  /** Prefix of every REST path, without a trailing slash (`/api`, or `` for the root). */
  apiBase: string;
  limits: {
    messageMaxLength: number;
    pageSizeDefault: number;
    pageSizeMax: number;
    /** Largest request body accepted, in bytes; more is a 413. */
    bodyMaxBytes: number;
    /**
     * Per staff member and minute; 0 turns a limit off. Beyond it: 429 with Retry-After. With `redis`
     * (REDIS_URL) every instance counts against the same buckets, under keys starting with `prefix`.
     * `changesPerMinute`: writes that store no message but tell others (pins, acknowledgements, handover
     * ticks, reactions, deletions, mute, archive, leave, removals).
     */
    rate: { requestsPerMinute: number; messagesPerMinute: number; changesPerMinute: number; redis?: { url: string; prefix: string } };
  };
  /**
   * Attachments (`POST …/upload/`): where the local-disk store keeps them, how much one upload may carry,
   * and how many uploads are received at once, per staff member and in all.
   */
  uploads: { dir: string; maxBytes: number; maxFiles: number; concurrencyPerStaff: number; concurrencyTotal: number };
  /** The HTTP edge: where browsers reach this server, which proxy headers to believe, how long a request may take. */
  http: {
    /** STAFF_CHAT_PUBLIC_URL: the origin browsers use; `/config` points the widget's socket there. */
    publicUrl: URL | undefined;
    /** STAFF_CHAT_TRUST_PROXY ≥ 1: believe X-Forwarded-Proto/-Host (set only behind a proxy that writes them). */
    trustProxy: boolean;
    /** A request's headers must arrive within this (slow-header attacks). */
    headersTimeoutMs: number;
    /** A whole request, body included, must arrive within this (slow-body attacks; uploads need the most). */
    requestTimeoutMs: number;
  };
  /** How long PostgreSQL may keep a request waiting (then 503), and when a SQLite commit counts as done. */
  database: PostgresTimeouts & { sqliteSynchronous: SqliteSynchronous };
  /** The embedded hub's bounds against hostile or broken clients (README "Hub limits"). */
  hubLimits: HubLimits;
  /**
   * STAFF_CHAT_TRUST_PROXY: how many proxies of ours stand in front and append to `X-Forwarded-For`.
   * 0: the header is ignored and the socket's peer is the client (server/limits/client-address.ts).
   */
  trustedProxies: number;
  /** Message search (`GET …/search/`): searches per staff member and minute (0: no limit), as the other rate limits count. */
  search: { perMinute: number };
  /**
   * Forwards (`POST …/messages/{id}/forward/`) per staff member and minute (0: no limit), on top of the
   * message budget a forward also counts against: one forward writes up to MAX_FORWARD_TARGETS copies.
   */
  forward: { perMinute: number };
  /**
   * STAFF_CHAT_ADMIN_ROLES: token `role`s (compared case-insensitively) that may remove people from any
   * group they take part in; a group's creator may always.
   */
  adminRoles: string[];
}

export const DEFAULT_DATABASE_URL = 'file:./data/staff-chat.sqlite';
export const DEFAULT_UPLOAD_DIR = './data/uploads';
/** Where demo mode keeps the JWT secret it generated, in the data folder (see {@link loadConfig}). */
export const DEMO_SECRET_FILE = 'demo-jwt-secret';

const MIN_SECRET_LENGTH = 32;

const flag = (name: string) =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no', ''], { error: `${name} must be 1 or 0 (or true/false).` })
    .optional()
    .transform((value) => (value === undefined || value === '' ? undefined : value === '1' || value === 'true' || value === 'yes'));

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const portNumber = (name: string) =>
  z
    .string()
    .regex(/^\d{1,5}$/, { error: `${name} must be a port number between 0 and 65535.` })
    .transform(Number)
    .refine((port) => port <= 65535, { error: `${name} must be a port number between 0 and 65535.` });

const perMinute = (name: string) =>
  z
    .string()
    .regex(/^\d{1,7}$/, { error: `${name} must be a whole number per minute (0 turns the limit off).` })
    .transform(Number)
    .optional();

/** A whole number in [min, max]; `what` ends the sentence ("connections", "milliseconds"). */
const wholeNumber = (name: string, min: number, max: number, what: string) =>
  z
    .string()
    .regex(/^\d{1,10}$/, { error: `${name} must be a whole number of ${what}.` })
    .transform(Number)
    .refine((value) => value >= min && value <= max, { error: `${name} must be between ${min} and ${max} ${what}.` })
    .optional();

// Hub limits (README "Hub limits"); the defaults are explained at hubLimitsFrom.
const hubLimitsSchema = {
  STAFF_CHAT_HUB_MAX_CONNECTIONS: wholeNumber('STAFF_CHAT_HUB_MAX_CONNECTIONS', 1, 1_000_000, 'connections'),
  STAFF_CHAT_HUB_MAX_CONNECTIONS_PER_IP: wholeNumber('STAFF_CHAT_HUB_MAX_CONNECTIONS_PER_IP', 1, 1_000_000, 'connections'),
  STAFF_CHAT_HUB_SUBSCRIBE_RATE: wholeNumber('STAFF_CHAT_HUB_SUBSCRIBE_RATE', 1, 1000, 'frames per second'),
  STAFF_CHAT_HUB_PRESENCE_LEAVE_DELAY_MS: wholeNumber('STAFF_CHAT_HUB_PRESENCE_LEAVE_DELAY_MS', 0, 60_000, 'milliseconds'),
  STAFF_CHAT_HUB_AUTHORIZE_WITHIN_SECONDS: wholeNumber('STAFF_CHAT_HUB_AUTHORIZE_WITHIN_SECONDS', 0, 3600, 'seconds'),
  STAFF_CHAT_HUB_MAX_BUFFERED_BYTES: wholeNumber('STAFF_CHAT_HUB_MAX_BUFFERED_BYTES', 16 * 1024, 1024 * 1024 * 1024, 'bytes'),
  STAFF_CHAT_TRUST_PROXY: z
    .enum(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'true', 'false', 'yes', 'no', ''], {
      error: 'STAFF_CHAT_TRUST_PROXY must be 0 or 1 (or the number of proxies in front, up to 9).',
    })
    .optional()
    .transform((value) =>
      value === 'true' || value === 'yes'
        ? 1
        : value === undefined || value === '' || value === 'false' || value === 'no'
          ? 0
          : Number(value),
    ),
};

const MAX_DB_TIMEOUT_MS = 600_000;

/** A duration setting, in whole milliseconds within [min, max]. */
const milliseconds = (name: string, min: number, max: number) => wholeNumber(name, min, max, 'milliseconds');

function isBareOrigin(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return /^https?:$/.test(url.protocol) && url.origin === text.replace(/\/$/, '');
}

const envSchema = z.object({
  ...hubLimitsSchema,
  PORT: portNumber('PORT').optional(),
  HOST: optionalText.refine((host) => host === undefined || /^[A-Za-z0-9.:-]+$/.test(host), {
    error: 'HOST must be an address or host name to listen on, such as 127.0.0.1 or ::.',
  }),
  DATABASE_URL: optionalText.refine((url) => url === undefined || /^(file:|postgres(ql)?:\/\/)/.test(url), {
    error: 'DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL).',
  }),
  STAFF_CHAT_JWT_SECRET: optionalText.refine((secret) => secret === undefined || secret.length >= MIN_SECRET_LENGTH, {
    // RFC 7518 §3.2: an HS256 key must be at least as long as the hash output.
    error: `STAFF_CHAT_JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters long (HS256 needs a 256-bit key).`,
  }),
  PUSHER_APP_ID: optionalText,
  PUSHER_KEY: optionalText,
  PUSHER_SECRET: optionalText,
  PUSHER_CLUSTER: optionalText.refine((cluster) => cluster === undefined || /^[a-z0-9-]+$/.test(cluster), {
    error: 'PUSHER_CLUSTER must be a cluster name such as eu or mt1.',
  }),
  PUSHER_HOST: optionalText.refine((host) => host === undefined || /^[A-Za-z0-9.-]+$/.test(host), {
    error: 'PUSHER_HOST must be a bare host name such as soketi.internal (no scheme, port or path).',
  }),
  PUSHER_PORT: portNumber('PUSHER_PORT').optional(),
  PUSHER_USE_TLS: flag('PUSHER_USE_TLS'),
  STAFF_CHAT_ALLOWED_ORIGINS: optionalText,
  STAFF_CHAT_HUB_WEBHOOK_URLS: optionalText,
  API_BASE: optionalText.refine((base) => base === undefined || /^\/[A-Za-z0-9._~/-]*$/.test(base), {
    error: 'API_BASE must be a path starting with / such as /api.',
  }),
  STAFF_CHAT_MESSAGE_MAX_LENGTH: z
    .string()
    .regex(/^\d+$/, { error: 'STAFF_CHAT_MESSAGE_MAX_LENGTH must be a whole number.' })
    .transform(Number)
    .refine((length) => length >= 1 && length <= 10_000, {
      error: 'STAFF_CHAT_MESSAGE_MAX_LENGTH must be between 1 and 10000.',
    })
    .optional(),
  STAFF_CHAT_RATE_LIMIT_REQUESTS: perMinute('STAFF_CHAT_RATE_LIMIT_REQUESTS'),
  STAFF_CHAT_RATE_LIMIT_MESSAGES: perMinute('STAFF_CHAT_RATE_LIMIT_MESSAGES'),
  STAFF_CHAT_RATE_LIMIT_CHANGES: perMinute('STAFF_CHAT_RATE_LIMIT_CHANGES'),
  STAFF_CHAT_RATE_LIMIT_SEARCHES: perMinute('STAFF_CHAT_RATE_LIMIT_SEARCHES'),
  STAFF_CHAT_RATE_LIMIT_FORWARDS: perMinute('STAFF_CHAT_RATE_LIMIT_FORWARDS'),
  // Rate limits shared between instances.
  REDIS_URL: optionalText.refine((url) => url === undefined || /^rediss?:$/.test(URL.canParse(url) ? new URL(url).protocol : ''), {
    error: 'REDIS_URL must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379.',
  }),
  STAFF_CHAT_RATE_LIMIT_REDIS_PREFIX: optionalText.refine((prefix) => prefix === undefined || /^[A-Za-z0-9:._-]{1,100}$/.test(prefix), {
    error: 'STAFF_CHAT_RATE_LIMIT_REDIS_PREFIX must be up to 100 letters, digits, colons, dots, dashes or underscores.',
  }),
  STAFF_CHAT_UPLOAD_DIR: optionalText,
  STAFF_CHAT_UPLOAD_MAX_BYTES: z
    .string()
    .regex(/^\d{1,10}$/, { error: 'STAFF_CHAT_UPLOAD_MAX_BYTES must be a whole number of bytes.' })
    .transform(Number)
    .refine((bytes) => bytes >= 1 && bytes <= 100 * 1024 * 1024, {
      error: 'STAFF_CHAT_UPLOAD_MAX_BYTES must be between 1 and 104857600 (100 MB).',
    })
    .optional(),
  STAFF_CHAT_UPLOAD_MAX_FILES: z
    .string()
    .regex(/^\d{1,3}$/, { error: 'STAFF_CHAT_UPLOAD_MAX_FILES must be a whole number.' })
    .transform(Number)
    .refine((count) => count >= 1 && count <= 20, { error: 'STAFF_CHAT_UPLOAD_MAX_FILES must be between 1 and 20.' })
    .optional(),
  STAFF_CHAT_UPLOAD_CONCURRENCY: z
    .string()
    .regex(/^\d{1,4}$/, { error: 'STAFF_CHAT_UPLOAD_CONCURRENCY must be a whole number of uploads.' })
    .transform(Number)
    .refine((count) => count >= 1 && count <= 100, { error: 'STAFF_CHAT_UPLOAD_CONCURRENCY must be between 1 and 100.' })
    .optional(),
  STAFF_CHAT_UPLOAD_CONCURRENCY_TOTAL: z
    .string()
    .regex(/^\d{1,6}$/, { error: 'STAFF_CHAT_UPLOAD_CONCURRENCY_TOTAL must be a whole number of uploads.' })
    .transform(Number)
    .refine((count) => count >= 1 && count <= 10_000, { error: 'STAFF_CHAT_UPLOAD_CONCURRENCY_TOTAL must be between 1 and 10000.' })
    .optional(),
  STAFF_CHAT_PUBLIC_URL: optionalText.refine((url) => url === undefined || isBareOrigin(url), {
    error: 'STAFF_CHAT_PUBLIC_URL must be an origin such as https://chat.example-hotel.com (no path).',
  }),
  STAFF_CHAT_HTTP_HEADERS_TIMEOUT_MS: milliseconds('STAFF_CHAT_HTTP_HEADERS_TIMEOUT_MS', 1_000, 120_000),
  STAFF_CHAT_HTTP_REQUEST_TIMEOUT_MS: milliseconds('STAFF_CHAT_HTTP_REQUEST_TIMEOUT_MS', 1_000, 3_600_000),
  STAFF_CHAT_DB_CONNECT_TIMEOUT_MS: milliseconds('STAFF_CHAT_DB_CONNECT_TIMEOUT_MS', 100, MAX_DB_TIMEOUT_MS),
  STAFF_CHAT_DB_STATEMENT_TIMEOUT_MS: milliseconds('STAFF_CHAT_DB_STATEMENT_TIMEOUT_MS', 100, MAX_DB_TIMEOUT_MS),
  STAFF_CHAT_DB_QUERY_TIMEOUT_MS: milliseconds('STAFF_CHAT_DB_QUERY_TIMEOUT_MS', 100, MAX_DB_TIMEOUT_MS),
  STAFF_CHAT_ADMIN_ROLES: optionalText.refine(
    (roles) => roles === undefined || roles.split(',').every((role) => role.trim().length > 0 && role.trim().length <= 100),
    {
      error: 'STAFF_CHAT_ADMIN_ROLES must be a comma-separated list of role names, such as Manager,Night Manager.',
    },
  ),
  STAFF_CHAT_SQLITE_SYNCHRONOUS: z
    .enum(['full', 'normal', 'FULL', 'NORMAL', ''], { error: 'STAFF_CHAT_SQLITE_SYNCHRONOUS must be full or normal.' })
    .optional()
    .transform((value) => (value ? (value.toLowerCase() as SqliteSynchronous) : undefined)),
});

type Env = z.infer<typeof envSchema>;

/** Thrown by {@link loadConfig}; `problems` holds one sentence per bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface LoadOptions {
  /** The demo start: generates a JWT secret when none is set. Only `demo/main.ts` passes it. */
  demo?: boolean;
  /**
   * Where the demo keeps the JWT secret it generates (file {@link DEMO_SECRET_FILE}, mode 0600), so its
   * tokens and the hub key derived from it survive a restart. Default: the SQLite database's folder, or
   * `./data` with PostgreSQL; an in-memory database keeps it in memory only.
   */
  dataDir?: string;
}

/**
 * Reads and validates the settings (DESIGN.md "Settings"). Every problem is collected, so one start
 * attempt tells the operator everything that is wrong. Whether this is the demo is decided by the start
 * script, never by the environment, so no setting can turn a production server into the demo.
 *
 * @example const config = loadConfig(); // throws ConfigError listing each bad variable
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => issue.message));
  }
  const values = parsed.data;
  const problems: string[] = [];

  const demo = options.demo ?? false;
  const databaseUrl = values.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  let jwtSecret = values.STAFF_CHAT_JWT_SECRET;
  if (!jwtSecret) {
    if (demo) jwtSecret = keptDemoSecret(options.dataDir ?? dataDirOf(databaseUrl), problems);
    else problems.push('STAFF_CHAT_JWT_SECRET is required (the HS256 secret shared with the host portal).');
  }

  const realtime = realtimeFrom(values, jwtSecret, problems);
  const allowedOrigins = originsFrom(values.STAFF_CHAT_ALLOWED_ORIGINS, problems);
  const database = databaseFrom(values, problems);
  const hubLimits = hubLimitsFrom(values, problems);

  if (problems.length > 0 || !jwtSecret || !realtime) throw new ConfigError(problems);

  return {
    port: values.PORT ?? 3000,
    host: values.HOST,
    databaseUrl,
    jwtSecret,
    demo,
    realtime,
    allowedOrigins,
    apiBase: (values.API_BASE ?? '/api').replace(/\/+$/, ''),
    limits: {
      messageMaxLength: values.STAFF_CHAT_MESSAGE_MAX_LENGTH ?? DEFAULT_MESSAGE_MAX_LENGTH,
      pageSizeDefault: 50,
      pageSizeMax: 100,
      bodyMaxBytes: 64 * 1024,
      rate: {
        requestsPerMinute: values.STAFF_CHAT_RATE_LIMIT_REQUESTS ?? 600,
        messagesPerMinute: values.STAFF_CHAT_RATE_LIMIT_MESSAGES ?? 120,
        // Each change is one event to every member of the conversation (a department channel may hold the
        // whole department): 120 a minute (bursts of 30) ticks a long checklist at once, where the request
        // budget alone would let one person send everyone 10 events a second.
        changesPerMinute: values.STAFF_CHAT_RATE_LIMIT_CHANGES ?? 120,
        ...(values.REDIS_URL && {
          redis: { url: values.REDIS_URL, prefix: values.STAFF_CHAT_RATE_LIMIT_REDIS_PREFIX ?? 'staff-chat:rate:' },
        }),
      },
    },
    uploads: {
      dir: values.STAFF_CHAT_UPLOAD_DIR ?? DEFAULT_UPLOAD_DIR,
      maxBytes: values.STAFF_CHAT_UPLOAD_MAX_BYTES ?? 10 * 1024 * 1024,
      maxFiles: values.STAFF_CHAT_UPLOAD_MAX_FILES ?? 5,
      // 5: the widget sends each file of a drop as an upload of its own, side by side (up to MAX_FILES).
      concurrencyPerStaff: values.STAFF_CHAT_UPLOAD_CONCURRENCY ?? 5,
      concurrencyTotal: values.STAFF_CHAT_UPLOAD_CONCURRENCY_TOTAL ?? 50,
    },
    http: {
      publicUrl: values.STAFF_CHAT_PUBLIC_URL === undefined ? undefined : new URL(values.STAFF_CHAT_PUBLIC_URL),
      trustProxy: values.STAFF_CHAT_TRUST_PROXY > 0,
      headersTimeoutMs: values.STAFF_CHAT_HTTP_HEADERS_TIMEOUT_MS ?? 10_000,
      requestTimeoutMs: values.STAFF_CHAT_HTTP_REQUEST_TIMEOUT_MS ?? 120_000,
    },
    database,
    hubLimits,
    trustedProxies: values.STAFF_CHAT_TRUST_PROXY,
    // A search costs a few index lookups; 60 a minute (bursts of 15) is a person typing, a loop gets 429s.
    search: { perMinute: values.STAFF_CHAT_RATE_LIMIT_SEARCHES ?? 60 },
    // A forward fans out to up to 10 conversations: 20 a minute (bursts of 5) is 200 copies at most,
    // where the message budget alone would let one person write 1,200 a minute.
    forward: { perMinute: values.STAFF_CHAT_RATE_LIMIT_FORWARDS ?? 20 },
    adminRoles: (values.STAFF_CHAT_ADMIN_ROLES ?? '')
      .split(',')
      .map((role) => role.trim().toLocaleLowerCase())
      .filter(Boolean),
  };
}

/** The folder the SQLite database lives in, `./data` for PostgreSQL, none for an in-memory database. */
function dataDirOf(databaseUrl: string): string | undefined {
  if (!databaseUrl.startsWith('file:')) return dirname(DEFAULT_DATABASE_URL.slice('file:'.length));
  const path = databaseUrl.slice('file:'.length);
  return path === ':memory:' ? undefined : dirname(path);
}

/**
 * Demo mode's generated JWT secret, kept in `dataDir` so that a restart neither signs everyone out nor
 * changes the hub key derived from it. Created exclusively (`wx`): of two processes starting at once,
 * the second reads what the first wrote.
 */
function keptDemoSecret(dataDir: string | undefined, problems: string[]): string | undefined {
  const generated = randomBytes(32).toString('base64url');
  if (dataDir === undefined) return generated;
  const path = join(dataDir, DEMO_SECRET_FILE);
  try {
    mkdirSync(dataDir, { recursive: true });
    const kept = createOrRead(path, generated);
    if (kept.length >= MIN_SECRET_LENGTH) return kept;
    problems.push(
      `${path} does not hold a secret of at least ${MIN_SECRET_LENGTH} characters; delete it and demo mode generates a new one.`,
    );
  } catch (error) {
    problems.push(
      `The demo could not keep its generated secret in ${path} (${(error as Error).message}); set STAFF_CHAT_JWT_SECRET or make the folder writable.`,
    );
  }
  return undefined;
}

/** Writes `content` to a new file at `path`, readable by its owner only, or reads the file already there. */
function createOrRead(path: string, content: string): string {
  try {
    writeFileSync(path, `${content}\n`, { mode: 0o600, flag: 'wx' });
    return content;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFileSync(path, 'utf8').trim();
  }
}

/**
 * The embedded hub's credentials when no PUSHER_* are set: derived from the JWT secret, so they are the
 * same after every restart and open tabs reconnect with the key they already have. One HMAC-SHA256 per
 * value under its own label: the key is sent to every browser, and an HMAC output tells nothing about
 * the secret it was made with.
 */
function derivedHubCredentials(jwtSecret: string): { appId: string; key: string; secret: string } {
  const derive = (label: string) => createHmac('sha256', jwtSecret).update(`staff-chat embedded hub ${label}`).digest();
  return {
    appId: String(100_000 + (derive('app id').readUInt32BE() % 900_000)),
    key: derive('key').toString('hex').slice(0, 20),
    secret: derive('secret').toString('hex'),
  };
}

function databaseFrom(values: Env, problems: string[]): Config['database'] {
  const database = {
    connectTimeoutMs: values.STAFF_CHAT_DB_CONNECT_TIMEOUT_MS ?? DEFAULT_POSTGRES_TIMEOUTS.connectTimeoutMs,
    statementTimeoutMs: values.STAFF_CHAT_DB_STATEMENT_TIMEOUT_MS ?? DEFAULT_POSTGRES_TIMEOUTS.statementTimeoutMs,
    queryTimeoutMs: values.STAFF_CHAT_DB_QUERY_TIMEOUT_MS ?? DEFAULT_POSTGRES_TIMEOUTS.queryTimeoutMs,
    sqliteSynchronous: values.STAFF_CHAT_SQLITE_SYNCHRONOUS ?? DEFAULT_SQLITE_SYNCHRONOUS,
  };
  // Shorter, and the connection would be given up before PostgreSQL could cancel the statement cleanly.
  if (database.queryTimeoutMs < database.statementTimeoutMs) {
    problems.push(
      `STAFF_CHAT_DB_QUERY_TIMEOUT_MS (${database.queryTimeoutMs}) must be at least STAFF_CHAT_DB_STATEMENT_TIMEOUT_MS (${database.statementTimeoutMs}).`,
    );
  }
  return database;
}

/**
 * The hub limits; unset ones take DEFAULT_HUB_LIMITS. Why those figures: 10 000 sockets, half the usual 20 000 open-file limit, leaving the rest for
 * HTTP, the database and uploads; 500 per address, because a hotel's staff all come through one NAT
 * (150 staff with three tabs each fit) while one address still holds at most a twentieth of the total;
 * 10 subscribe/unsubscribe frames a second with a burst of 20 (pusher-js resubscribes every held
 * channel at once after a reconnect: the personal, presence and open conversation channels);
 * 3 s for a presence member to come back unannounced (Pusher's webhook figure; a reconnect takes
 * about 1.5 s); 30 s to authorize (Pusher's "authorized connections"); 1 MB unread per socket.
 */
function hubLimitsFrom(values: Env, problems: string[]): HubLimits {
  const defaults = DEFAULT_HUB_LIMITS;
  const authorizeWithinSeconds = values.STAFF_CHAT_HUB_AUTHORIZE_WITHIN_SECONDS;
  const limits: HubLimits = {
    maxConnections: values.STAFF_CHAT_HUB_MAX_CONNECTIONS ?? defaults.maxConnections,
    // A small total alone lowers the per-address default with it; both set and crossed is a mistake.
    maxConnectionsPerAddress:
      values.STAFF_CHAT_HUB_MAX_CONNECTIONS_PER_IP ??
      Math.min(defaults.maxConnectionsPerAddress, values.STAFF_CHAT_HUB_MAX_CONNECTIONS ?? defaults.maxConnections),
    subscribeFramesPerSecond: values.STAFF_CHAT_HUB_SUBSCRIBE_RATE ?? defaults.subscribeFramesPerSecond,
    memberLeaveDelayMs: values.STAFF_CHAT_HUB_PRESENCE_LEAVE_DELAY_MS ?? defaults.memberLeaveDelayMs,
    authorizeWithinMs: authorizeWithinSeconds === undefined ? defaults.authorizeWithinMs : authorizeWithinSeconds * 1000,
    maxBufferedBytes: values.STAFF_CHAT_HUB_MAX_BUFFERED_BYTES ?? defaults.maxBufferedBytes,
  };
  if (limits.maxConnectionsPerAddress > limits.maxConnections) {
    problems.push('STAFF_CHAT_HUB_MAX_CONNECTIONS_PER_IP must not be above STAFF_CHAT_HUB_MAX_CONNECTIONS.');
  }
  return limits;
}

function realtimeFrom(values: Env, jwtSecret: string | undefined, problems: string[]): RealtimeConfig | undefined {
  const credentials = [values.PUSHER_APP_ID, values.PUSHER_KEY, values.PUSHER_SECRET];
  const given = credentials.filter((value) => value !== undefined).length;
  if (given !== 0 && given !== 3) {
    problems.push('PUSHER_APP_ID, PUSHER_KEY and PUSHER_SECRET must be set together (all three or none).');
    return undefined;
  }
  const { PUSHER_CLUSTER: cluster, PUSHER_HOST: host } = values;
  if (cluster && host) {
    problems.push('Set PUSHER_CLUSTER (hosted Pusher) or PUSHER_HOST (a self-hosted engine), not both.');
    return undefined;
  }
  const [appId, key, secret] = credentials;
  if (!cluster && !host) {
    if (values.PUSHER_PORT !== undefined) problems.push('PUSHER_PORT needs PUSHER_HOST.');
    const webhooks = webhooksFrom(values.STAFF_CHAT_HUB_WEBHOOK_URLS, problems);
    // Without a JWT secret there is a problem reported already, and nothing to derive from.
    const hub = appId && key && secret ? { appId, key, secret } : jwtSecret && derivedHubCredentials(jwtSecret);
    return hub ? { mode: 'embedded', ...hub, webhooks } : undefined;
  }
  if (values.STAFF_CHAT_HUB_WEBHOOK_URLS !== undefined) {
    problems.push(
      'STAFF_CHAT_HUB_WEBHOOK_URLS is for the embedded hub; set the webhooks of hosted Pusher or a self-hosted engine in its own configuration.',
    );
  }
  if (!appId || !key || !secret) {
    problems.push(`${cluster ? 'PUSHER_CLUSTER' : 'PUSHER_HOST'} needs PUSHER_APP_ID, PUSHER_KEY and PUSHER_SECRET.`);
    return undefined;
  }
  if (cluster) {
    if (values.PUSHER_PORT !== undefined) problems.push('PUSHER_PORT needs PUSHER_HOST, not PUSHER_CLUSTER.');
    return { mode: 'external', appId, key, secret, cluster, useTLS: true };
  }
  // Secure unless told otherwise: a local soketi on plain HTTP sets PUSHER_USE_TLS=0.
  const useTLS = values.PUSHER_USE_TLS ?? true;
  return { mode: 'external', appId, key, secret, host, useTLS, ...(values.PUSHER_PORT !== undefined && { port: values.PUSHER_PORT }) };
}

/** Comma-separated http(s) URLs; each gets every webhook the embedded hub sends. */
function webhooksFrom(raw: string | undefined, problems: string[]): { url: string }[] {
  if (!raw) return [];
  return raw
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean)
    .flatMap((url) => {
      if (URL.canParse(url) && /^https?:$/.test(new URL(url).protocol)) return [{ url }];
      problems.push(`STAFF_CHAT_HUB_WEBHOOK_URLS has "${url}", which is not an http(s) URL.`);
      return [];
    });
}

function originsFrom(raw: string | undefined, problems: string[]): string[] {
  if (!raw) return [];
  const origins = raw
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  if (origins.includes('*')) return ['*'];
  const normalised: string[] = [];
  for (const origin of origins) {
    const url = URL.canParse(origin) ? new URL(origin) : undefined;
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== origin.replace(/\/$/, '')) {
      problems.push(`STAFF_CHAT_ALLOWED_ORIGINS has "${origin}", which is not an origin such as https://portal.example.com.`);
      continue;
    }
    normalised.push(url.origin);
  }
  return normalised;
}

/**
 * The options the widget hands to `new Pusher(key, options)`. The embedded hub is reached where the
 * browser reached this server: `publicUrl` (see server/http/public-url.ts).
 */
export function pusherClientOptions(config: Config, publicUrl: URL): PusherClientOptions {
  const { realtime } = config;
  if (realtime.mode === 'external') {
    if (realtime.cluster) return { cluster: realtime.cluster, forceTLS: true, enabledTransports: ['ws', 'wss'], disableStats: true };
    const port = realtime.port ?? (realtime.useTLS ? 443 : 80);
    return {
      // pusher-js 8 refuses to start without a cluster, even when wsHost overrides it.
      cluster: 'mt1',
      wsHost: realtime.host,
      wsPort: port,
      wssPort: port,
      forceTLS: realtime.useTLS,
      enabledTransports: ['ws', 'wss'],
      disableStats: true,
    };
  }
  const tls = publicUrl.protocol === 'https:';
  const port = publicUrl.port ? Number(publicUrl.port) : tls ? 443 : 80;
  return {
    cluster: 'mt1',
    // An IPv6 hostname keeps its brackets: pusher-js pastes wsHost and wsPort into the URL as they are.
    wsHost: publicUrl.hostname,
    wsPort: port,
    wssPort: port,
    forceTLS: tls,
    enabledTransports: ['ws', 'wss'],
    disableStats: true,
  };
}
