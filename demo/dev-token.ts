import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import { signStaffToken } from '../server/auth/token.js';
import { ApiError } from '../server/errors.js';
import { HOTEL_SLUG, STAFF_ID } from '../server/notify/channels.js';
import type { RouteDeps } from '../server/routes/deps.js';
import { rejectInvalid } from '../server/routes/validation.js';
import { DEMO_HOTEL, DEMO_PORTAL_STAFF } from './seed-data.js';

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

const seededIds = new Set(DEMO_PORTAL_STAFF.map((member) => member.id));

/**
 * `POST /staff_chat/dev/token`: signs a 12-hour token for one of the demo hotel's seeded staff, standing
 * in for the host portal's backend. It answers for nobody else, not even staff who joined the demo hotel
 * later with a real token: the endpoint is anonymous, so it may only hand out the demo's own identities.
 */
export function devTokenRoutes({ config, storage }: RouteDeps) {
  return new Hono().post('/', zValidator('json', tokenBody, rejectInvalid), async (c) => {
    const { hotel, staff_id } = c.req.valid('json');
    const staff = hotel === DEMO_HOTEL && seededIds.has(staff_id) ? await storage.getStaff(hotel, staff_id) : undefined;
    if (!staff) throw new ApiError(404, 'not_found', "The dev token endpoint signs tokens only for the demo hotel's seeded staff.");
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
