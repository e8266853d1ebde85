/** Sizes both sides agree on; the ones a deployment may change travel in `ChatConfig.limits` instead. */

/**
 * A conversation list's preview of the last message and a reply's quote: at most this many characters
 * (the server counts code points, so emoji stay whole).
 */
export const PREVIEW_LENGTH = 100;

/** A group conversation's title: at most this many characters. */
export const TITLE_MAX_LENGTH = 100;

/**
 * A message's text, unless STAFF_CHAT_MESSAGE_MAX_LENGTH says otherwise; the widget uses it until
 * `GET /staff_chat/config` has answered.
 */
export const DEFAULT_MESSAGE_MAX_LENGTH = 4000;

/** Most items of one handover checklist, and the longest item, in characters. */
export const HANDOVER_MAX_ITEMS = 30;
export const HANDOVER_ITEM_MAX_LENGTH = 200;

/** Most staff ids and departments one message may mention ({@link MentionFields} in wire.ts). */
export const MAX_MENTIONS = 50;
export const MAX_MENTION_DEPARTMENTS = 10;
