import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { Config } from '../server/config.js';
import { pageSecurityHeaders, realtimeSocketOrigins } from '../server/http/security-headers.js';
import { DEMO_PORTAL_STAFF } from './seed-data.js';

const demoRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The demo portal: a fake hotel portal page at `/` that embeds the widget exactly as a customer would,
 * the side-by-side page, and the staff list its switcher offers. Mounted only in demo mode.
 */
export function demoRoutes(config: Config): Hono {
  const pagePolicy = pageSecurityHeaders(realtimeSocketOrigins(config.realtime));
  return new Hono()
    .use('/', pagePolicy)
    .use('/demo/*', pagePolicy)
    .get('/demo/staff.json', (c) => c.json(DEMO_PORTAL_STAFF))
    .get('/', serveStatic({ root: demoRoot, path: 'index.html' }))
    .get(
      '/demo/:file{[a-z-]+\\.(html|css|js)}',
      serveStatic({ root: demoRoot, rewriteRequestPath: (path) => path.replace(/^\/demo/, '') }),
    );
}
