/**
 * Pusher's HTTP API on a Hono app: trigger (single and batch), channel info, presence users and
 * terminating a user's connections. Every request is signed (auth_version 1.0) and checked against the
 * raw body. Failures use the server's one error body, `{"error":{"code","message"}}`; the SDK reads
 * only the status.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { SOCKET_ID } from '../../contract/index.js';
import { ApiError, errorBody } from '../errors.js';
import type { HubCore } from './core.js';
import { channelKind, isValidChannelName, Limits } from './protocol.js';
import { verifyRequestSignature, type RequestSignatureFailure } from './signatures.js';

/** Ten events of 10 KB each plus names and channel lists fit well inside this. */
const MAX_BODY_BYTES = 256 * 1024;

const SIGNATURE_MESSAGES: Record<RequestSignatureFailure, string> = {
  missing_parameters: 'auth_key, auth_timestamp, auth_version and auth_signature are required.',
  wrong_key: 'Unknown auth_key.',
  unsupported_version: 'Only auth_version 1.0 is supported.',
  stale_timestamp: 'auth_timestamp is more than 600 seconds from the server clock.',
  bad_body_md5: 'body_md5 does not match the body.',
  bad_signature: 'Invalid signature.',
};

const eventName = z
  .string()
  .min(1, 'name is required.')
  .max(Limits.maxEventNameLength, `Event names are at most ${Limits.maxEventNameLength} characters.`);
const socketId = z.string().regex(SOCKET_ID, 'socket_id must look like 123.456.');
const infoList = z.string().optional();

const TriggerBody = z.object({
  name: eventName,
  data: z.string({ error: 'data must be a string.' }),
  channels: z
    .array(z.string())
    .min(1, 'channels must not be empty.')
    .max(Limits.maxChannelsPerTrigger, `At most ${Limits.maxChannelsPerTrigger} channels per event.`)
    .optional(),
  channel: z.string().optional(),
  socket_id: socketId.optional(),
  info: infoList,
});

const BatchBody = z.object({
  batch: z
    .array(
      z.object({
        name: eventName,
        channel: z.string(),
        data: z.string({ error: 'data must be a string.' }),
        socket_id: socketId.optional(),
        info: infoList,
      }),
    )
    .max(Limits.maxBatchSize, `A batch holds at most ${Limits.maxBatchSize} events.`),
});

/** Parses the body the signature check already read (Hono caches it, so this reads the same bytes). */
async function parseBody<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  const rawBody = await c.req.text();
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new ApiError(400, 'bad_request', 'The body must be JSON.');
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new ApiError(400, 'bad_request', `${where}${issue?.message ?? 'Invalid body.'}`);
  }
  return result.data;
}

function checkChannel(channel: string): void {
  if (!isValidChannelName(channel)) {
    throw new ApiError(400, 'bad_request', `Invalid channel name ${JSON.stringify(channel.slice(0, 210))}.`);
  }
}

function checkData(data: string): void {
  if (Buffer.byteLength(data) > Limits.maxEventDataBytes) {
    throw new ApiError(413, 'payload_too_large', 'Event data is over 10 KB.');
  }
}

function infoAttributes(info: string | undefined): Set<string> {
  return new Set(
    (info ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  );
}

/** Builds the Hono app serving `/apps/{appId}/...` for the hub. */
export function createHttpApi(core: HubCore): Hono {
  const api = new Hono();

  /** The `info` attributes Pusher returns for a channel after a trigger. */
  function channelInfo(channel: string, attributes: Set<string>): Record<string, number> {
    const info: Record<string, number> = {};
    if (attributes.has('user_count') && channelKind(channel) === 'presence') info.user_count = core.channels.userCount(channel);
    if (attributes.has('subscription_count')) info.subscription_count = core.channels.subscriptionCount(channel);
    return info;
  }

  api.onError((error, c) => {
    if (error instanceof ApiError) return error.getResponse();
    if (error instanceof HTTPException && error.status < 500) {
      return c.json(errorBody('bad_request', error.message || 'The request was not accepted.'), error.status);
    }
    core.options.log('hub http api failed', { path: c.req.path, error: String(error) });
    return c.json(errorBody('internal_error', 'Something went wrong in the hub.'), 500);
  });

  api.use('/apps/:appId/*', async (c, next) => {
    if (c.req.param('appId') !== core.app.appId) throw new ApiError(404, 'not_found', 'Unknown app id.');
    await next();
  });

  api.use(
    '/apps/:appId/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => new ApiError(413, 'payload_too_large', 'The request body is too large.').getResponse(),
    }),
  );

  api.use('/apps/:appId/*', async (c, next) => {
    const url = new URL(c.req.url);
    const rawBody = c.req.method === 'GET' || c.req.method === 'HEAD' ? '' : await c.req.text();
    const failure = verifyRequestSignature(core.app, {
      method: c.req.method,
      path: url.pathname,
      query: [...url.searchParams],
      body: rawBody,
    });
    if (failure) throw new ApiError(401, 'unauthorized', SIGNATURE_MESSAGES[failure]);
    await next();
  });

  api.post('/apps/:appId/events', async (c) => {
    const body = await parseBody(c, TriggerBody);
    const channels = body.channels ?? (body.channel === undefined ? [] : [body.channel]);
    if (channels.length === 0) throw new ApiError(400, 'bad_request', 'channels (or channel) is required.');
    channels.forEach(checkChannel);
    checkData(body.data);

    for (const channel of channels) core.publish(channel, body.name, body.data, body.socket_id);

    const attributes = infoAttributes(body.info);
    if (attributes.size === 0) return c.json({});
    return c.json({ channels: Object.fromEntries(channels.map((channel) => [channel, channelInfo(channel, attributes)])) });
  });

  api.post('/apps/:appId/batch_events', async (c) => {
    const { batch } = await parseBody(c, BatchBody);
    // Validate the whole batch first: nothing is published when any event is refused.
    for (const event of batch) {
      checkChannel(event.channel);
      checkData(event.data);
    }
    for (const event of batch) core.publish(event.channel, event.name, event.data, event.socket_id);

    if (batch.every((event) => event.info === undefined)) return c.json({});
    return c.json({ batch: batch.map((event) => channelInfo(event.channel, infoAttributes(event.info))) });
  });

  api.get('/apps/:appId/channels', (c) => {
    const prefix = c.req.query('filter_by_prefix') ?? '';
    const attributes = infoAttributes(c.req.query('info'));
    if (attributes.has('user_count') && !prefix.startsWith('presence-')) {
      throw new ApiError(400, 'bad_request', 'info=user_count needs filter_by_prefix=presence-.');
    }
    const channels: Record<string, Record<string, number>> = {};
    for (const channel of core.channels.occupiedChannels()) {
      if (!channel.startsWith(prefix) || channelKind(channel) === 'server-to-user') continue;
      channels[channel] = channelInfo(channel, attributes);
    }
    return c.json({ channels });
  });

  api.get('/apps/:appId/channels/:channel', (c) => {
    const channel = c.req.param('channel');
    checkChannel(channel);
    const attributes = infoAttributes(c.req.query('info'));
    const presence = channelKind(channel) === 'presence';
    if (attributes.has('user_count') && !presence) {
      throw new ApiError(400, 'bad_request', 'user_count is only available for presence channels.');
    }
    // `occupied` always; counts only when asked for, as Pusher answers.
    return c.json({ occupied: core.channels.subscriptionCount(channel) > 0, ...channelInfo(channel, attributes) });
  });

  api.get('/apps/:appId/channels/:channel/users', (c) => {
    const channel = c.req.param('channel');
    checkChannel(channel);
    if (channelKind(channel) !== 'presence') {
      throw new ApiError(400, 'bad_request', 'Users are only listed for presence channels.');
    }
    return c.json({ users: core.channels.members(channel).map((member) => ({ id: member.userId })) });
  });

  api.post('/apps/:appId/users/:userId/terminate_connections', (c) => {
    core.terminateUser(c.req.param('userId'));
    return c.json({});
  });

  return api;
}
