import { createContext } from '@lit/context';
import type { ChatSession } from '../state/session.js';

/**
 * <staff-chat> provides its current session to every element in its shadow root, however deep and
 * whenever that element's chunk arrives; null while it has none (no hotel or token yet, detached).
 * Elements act only through the session (which queues, retries and keeps the stores right): it has no
 * REST client to hand out, so none calls the server itself.
 * A unique symbol: a second copy of the script on the page keeps its own elements to itself. The
 * consuming side is in consume-session.ts, so the entry script carries only the providing side.
 */
export const sessionContext = createContext<ChatSession | null>(Symbol('staff-chat-session'));
