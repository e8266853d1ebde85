/**
 * A small REST client on `node:http`, because the attacks need what `fetch` hides: the local address a
 * request leaves from (attackers and colleagues come from different loopback addresses, so per-address
 * limits can tell them apart) and the kept-alive agent a request goes through.
 */
import { Agent, request, type IncomingHttpHeaders } from 'node:http';

/**
 * Kept-alive connections, closed by us after 2 s idle: the server closes them after 5 s, and a request
 * sent just as it does so fails with ECONNRESET, which would be blamed on the attack.
 */
const keptAlive = new Agent({ keepAlive: true, timeout: 2000 });

export interface HttpResponse<T = unknown> {
  status: number;
  headers: IncomingHttpHeaders;
  body: T;
}

export interface HttpOptions {
  method: string;
  /** Absolute URL. */
  url: string;
  token?: string;
  /** Sent as JSON, unless a Buffer (sent as is, with the given content-type header). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Local address to connect from, e.g. 127.0.0.2. */
  localAddress?: string;
  agent?: Agent;
  /** Aborts the request after this long (the promise rejects). */
  timeoutMs?: number;
}

/** One request; resolves with the status, headers and parsed JSON (or text) body. */
export function httpRequest<T = unknown>(options: HttpOptions): Promise<HttpResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let payload: Buffer | undefined;
  if (Buffer.isBuffer(options.body)) payload = options.body;
  else if (options.body !== undefined) {
    payload = Buffer.from(JSON.stringify(options.body));
    headers['content-type'] = 'application/json';
  }
  if (payload) headers['content-length'] = String(payload.length);

  return new Promise((resolve, reject) => {
    const req = request(
      options.url,
      {
        method: options.method,
        headers,
        agent: options.agent ?? keptAlive,
        ...(options.localAddress && { localAddress: options.localAddress }),
        ...(options.timeoutMs && { signal: AbortSignal.timeout(options.timeoutMs) }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          if ((res.headers['content-type'] ?? '').includes('json')) {
            try {
              body = JSON.parse(text);
            } catch {
              body = text;
            }
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: body as T });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
