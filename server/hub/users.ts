/** Signed-in users and their sockets, for `sendToUser` and `terminate_connections`. */
import type { Connection } from './connection.js';

export class UserRegistry {
  private readonly users = new Map<string, Set<Connection>>();

  add(userId: string, connection: Connection): void {
    let sockets = this.users.get(userId);
    if (!sockets) {
      sockets = new Set();
      this.users.set(userId, sockets);
    }
    sockets.add(connection);
  }

  remove(userId: string, connection: Connection): void {
    const sockets = this.users.get(userId);
    if (!sockets) return;
    sockets.delete(connection);
    if (sockets.size === 0) this.users.delete(userId);
  }

  /** A snapshot, so callers may close sockets while iterating. */
  connectionsOf(userId: string): Connection[] {
    return [...(this.users.get(userId) ?? [])];
  }

  get size(): number {
    return this.users.size;
  }
}
