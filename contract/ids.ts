/** The shapes of ids that both sides check, so the widget never makes one the server refuses. */

/** A message's idempotency key (`client_id`): 1 to 64 characters from A-Z a-z 0-9 _ -. */
export const CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A Pusher socket id, as a connection's `pusher:connection_established` names it: `123.456`. */
export const SOCKET_ID = /^\d+\.\d+$/;
