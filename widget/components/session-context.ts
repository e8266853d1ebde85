import { createContext } from '@lit/context';
import type { ChatSession } from '../state/session.js';

/**
 * What the elements inside <staff-chat> may use of its session: the stores and the actions. The REST
 * client behind them is left out, so an element acts only through the session (which queues, retries
 * and keeps the stores right) and never calls the server itself.
 */
export type ElementSession = Omit<ChatSession, 'api'>;

/**
 * <staff-chat> provides its current session to every element in its shadow root, however deep and
 * whenever that element's chunk arrives; null while it has none (no hotel or token yet, detached).
 * A unique symbol: a second copy of the script on the page keeps its own elements to itself. The
 * consuming side is in consume-session.ts, so the entry script carries only the providing side.
 */
export const sessionContext = createContext<ElementSession | null>(Symbol('staff-chat-session'));
