import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import { ApiError } from '../errors.js';
import type { FileStore } from '../files/file-store.js';
import type { UrlSigner } from '../files/signed-url.js';
import type { RouteDeps } from './deps.js';
import { idParam, rejectInvalid } from './validation.js';

const signedQuery = z.object({
  exp: z
    .string()
    .regex(/^[0-9]{1,12}$/, 'must be a time in seconds')
    .transform(Number),
  sig: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not a signature'),
});

/**
 * `Content-Disposition` with the name as typed (RFC 6266 `filename*`) and an ASCII fallback. Images open
 * in the browser; everything else downloads.
 */
function disposition(fileType: string, fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${fileType === 'image' ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * `GET /staff_chat/{hotel}/attachments/{id}/file?exp=…&sig=…`: an attachment's bytes. No token: the
 * signed URL, handed only to participants in the messages they may read, is the permission, scoped to
 * this one attachment and expiring (see `UrlSigner`). Served so that no browser runs or sniffs it.
 */
export function attachmentRoutes({ storage, files, signer }: RouteDeps & { files: FileStore; signer: UrlSigner }) {
  return new Hono().get(
    '/:id/file',
    zValidator('param', idParam, rejectInvalid),
    zValidator('query', signedQuery, rejectInvalid),
    async (c) => {
      const hotel = c.req.param('hotel') ?? '';
      const { id } = c.req.valid('param');
      const { exp, sig } = c.req.valid('query');
      const verdict = signer.verify(hotel, id, exp, sig);
      if (verdict === 'expired')
        throw new ApiError(403, 'link_expired', 'This file link has expired; reopen the conversation for a fresh one.');
      if (verdict === 'forged') throw new ApiError(403, 'invalid_signature', 'This file link is not valid.');

      const attachment = await storage.getAttachment(hotel, id);
      const file = attachment && !attachment.message_deleted ? await files.open(attachment.storage_key) : undefined;
      if (!attachment || !file) throw new ApiError(404, 'not_found', 'No such file.');

      const maxAge = Math.max(0, exp - Math.floor(Date.now() / 1000));
      return c.body(file.stream, 200, {
        'Content-Type': attachment.mime_type,
        'Content-Length': String(file.size),
        'Content-Disposition': disposition(attachment.file_type, attachment.file_name),
        'X-Content-Type-Options': 'nosniff',
        // Opened directly, a file is a document with no rights: no scripts, no plugins, no same origin.
        'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
        'Referrer-Policy': 'no-referrer',
        // Portals on other origins show images with <img>, a no-cors load that same-origin would block.
        'Cross-Origin-Resource-Policy': 'cross-origin',
        // The bytes behind a URL never change; the URL itself expires.
        'Cache-Control': `private, max-age=${maxAge}, immutable`,
      });
    },
  );
}
