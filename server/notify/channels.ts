/**
 * The only place channel names are built or read (DESIGN.md "Realtime"). The widget never builds them:
 * it takes them from API responses, so the two sides cannot drift apart.
 */

/** Hotel slugs: lowercase, digits and hyphens; no dot, so the first dot in a channel name ends the slug. */
export const HOTEL_SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Staff ids: Pusher's channel-name charset, at most 64 characters (so a personal channel stays under
 * Pusher's 164-character limit), and never starting with `chat.`: the staff member `chat.7` would
 * otherwise own `private-hotel-h.staff-chat.7`, which is conversation 7's channel.
 */
export const STAFF_ID = /^(?!chat\.)[A-Za-z0-9_\-=@,.;]{1,64}$/;

/** `private-hotel-{hotel}.staff-chat.{conversationId}`: the events of one conversation. */
export function conversationChannel(hotel: string, conversationId: number): string {
  return `private-hotel-${hotel}.staff-chat.${conversationId}`;
}

/** `private-hotel-{hotel}.staff-{staffId}`: new conversations and unread counts for one person. */
export function personalChannel(hotel: string, staffId: string): string {
  return `private-hotel-${hotel}.staff-${staffId}`;
}

/** `presence-hotel-{hotel}.staff`: who of the hotel is online. */
export function presenceChannel(hotel: string): string {
  return `presence-hotel-${hotel}.staff`;
}

export type ParsedChannel =
  | { kind: 'conversation'; hotel: string; conversationId: number }
  | { kind: 'personal'; hotel: string; staffId: string }
  | { kind: 'presence'; hotel: string };

const CONVERSATION = /^private-hotel-([a-z0-9][a-z0-9-]{0,62})\.staff-chat\.([1-9][0-9]{0,9})$/;
const PERSONAL = /^private-hotel-([a-z0-9][a-z0-9-]{0,62})\.staff-(.+)$/;
const PRESENCE = /^presence-hotel-([a-z0-9][a-z0-9-]{0,62})\.staff$/;

/**
 * Reads a channel name back into what it addresses, or undefined for anything this app does not own.
 * Pusher auth decides from the result, so it is strict: ids must be exactly as the builders write them.
 */
export function parseChannel(name: string): ParsedChannel | undefined {
  const conversation = CONVERSATION.exec(name);
  if (conversation) {
    const [, hotel = '', id = ''] = conversation;
    const conversationId = Number(id);
    return conversationId <= 2_147_483_647 ? { kind: 'conversation', hotel, conversationId } : undefined;
  }
  const personal = PERSONAL.exec(name);
  if (personal) {
    const [, hotel = '', staffId = ''] = personal;
    return STAFF_ID.test(staffId) ? { kind: 'personal', hotel, staffId } : undefined;
  }
  const presence = PRESENCE.exec(name);
  if (presence) return { kind: 'presence', hotel: presence[1] ?? '' };
  return undefined;
}
