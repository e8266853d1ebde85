/**
 * `pusher:signin`: the signature covers `socket_id::user::user_data`, and `user_data` needs a non-empty
 * string `id`. A bad sign-in is `pusher:error` 4009 and a 4009 close, as soketi does.
 */
import type { Connection } from './connection.js';
import type { HubCore } from './core.js';
import { ErrorCode, serverToUserChannel } from './protocol.js';
import { verifyUserAuth } from './signatures.js';

function userIdOf(userData: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(userData);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { id } = parsed as { id?: unknown };
    return typeof id === 'string' && id.length > 0 ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Handles `pusher:signin`. */
export function handleSignin(core: HubCore, connection: Connection, auth: string, userData: string): void {
  if (!verifyUserAuth(core.app, connection.socketId, auth, userData)) {
    connection.closeWith(ErrorCode.Unauthorized, 'Invalid sign-in signature.');
    return;
  }
  const id = userIdOf(userData);
  if (id === undefined) {
    connection.closeWith(ErrorCode.Unauthorized, 'user_data needs a non-empty string id.');
    return;
  }
  if (connection.user) {
    // Signing in again as someone else must not keep the previous user's private channel.
    if (connection.user.id !== id) core.leave(connection, serverToUserChannel(connection.user.id));
    core.users.remove(connection.user.id, connection);
  }
  connection.user = { id, userData };
  core.users.add(id, connection);
  connection.send({ event: 'pusher:signin_success', data: { user_data: userData } });
}
