import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import { signStaffToken } from '../auth/token.js';
import { ApiError } from '../errors.js';
import { HOTEL_SLUG, STAFF_ID } from '../notify/channels.js';
import type { RouteDeps } from './deps.js';
import { rejectInvalid } from './validation.js';

const TOKEN_TTL_SECONDS = 12 * 60 * 60;

/** `POST /staff_chat/dev/token` answer. */
export interface DevToken {
  token: string;
  /** ISO 8601, UTC. */
  expires_at: string;
}

const tokenBody = z.object({
  hotel: z.string().regex(HOTEL_SLUG, 'must be a hotel slug'),
  staff_id: z.string().regex(STAFF_ID, 'must be a staff id'),
});

/**
 * `POST /staff_chat/dev/token`: signs a 12-hour token for an existing staff member, standing in for the
 * host portal's backend. Mounted only in demo mode.
 */
export function devTokenRoutes({ config, storage }: RouteDeps) {
  return new Hono().post('/', zValidator('json', tokenBody, rejectInvalid), async (c) => {
    const { hotel, staff_id } = c.req.valid('json');
    const staff = await storage.getStaff(hotel, staff_id);
    if (!staff) throw new ApiError(404, 'not_found', 'No such staff member in this hotel.');
    const exp = Math.floor(Date.now() / 1000) + TOKEN_TTL_SECONDS;
    const token = signStaffToken(
      {
        sub: staff.id,
        hotel,
        name: staff.full_name,
        exp,
        ...(staff.avatar && { avatar: staff.avatar }),
        ...(staff.department && { department: staff.department }),
        ...(staff.role && { role: staff.role }),
      },
      config.jwtSecret,
    );
    const body: DevToken = { token, expires_at: new Date(exp * 1000).toISOString() };
    return c.json(body);
  });
}
