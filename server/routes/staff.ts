import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import { staffFromClaims } from '../auth/staff-sync.js';
import type { Me, StaffList } from '../../contract/index.js';
import { personalChannel, presenceChannel } from '../notify/channels.js';
import type { RouteDeps } from './deps.js';
import { plainText, rejectInvalid } from './validation.js';

const DIRECTORY_LIMIT = 200;

const staffListQuery = z.object({ search: plainText(z.string().trim().max(100).optional()) });

/** `/staff_chat/{hotel}/me` and `/staff_chat/{hotel}/staff-list`. */
export function staffRoutes({ storage, auth }: RouteDeps) {
  return new Hono()
    .get('/me', auth, async (c) => {
      const { hotel, sub } = c.var.staff;
      const staff = (await storage.getStaff(hotel, sub)) ?? staffFromClaims(c.var.staff);
      const me: Me = { ...staff, hotel, personal_channel: personalChannel(hotel, sub), presence_channel: presenceChannel(hotel) };
      return c.json(me);
    })
    .get('/staff-list', auth, zValidator('query', staffListQuery, rejectInvalid), async (c) => {
      const { hotel, sub } = c.var.staff;
      const { search } = c.req.valid('query');
      // One extra row, so excluding the caller still leaves a full page.
      const staff = await storage.listStaff(hotel, { ...(search && { search }), limit: DIRECTORY_LIMIT + 1 });
      const results = staff.filter((member) => member.id !== sub).slice(0, DIRECTORY_LIMIT);
      const body: StaffList = { results, count: results.length };
      return c.json(body);
    });
}
