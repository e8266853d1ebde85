/**
 * The baseline for send throughput: a bare Hono app on @hono/node-server that parses a JSON POST and
 * answers 201 with JSON, with no auth, validation, storage or notification.
 */
import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { serve } from './serve.js';

let id = 0;
const app = new Hono().post('/echo', async (c) => {
  const body = await c.req.json<Record<string, unknown>>();
  id += 1;
  return c.json({ id, ...body }, 201);
});

// Hono's listener answers every request itself, errors included: nothing is left to await.
const listener = getRequestListener(app.fetch);
const server = createServer((request, response) => void listener(request, response));
serve(server, async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
