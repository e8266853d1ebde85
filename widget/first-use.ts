/**
 * What `<staff-chat>` needs only once it is used, as one chunk: the elements behind the launcher
 * (registered as a side effect, see components/define-lazy.ts) and the conversation features the
 * session builds from it (state/session/conversation-features.ts). Both <staff-chat> and the session import
 * this module on first use, whichever comes first; a portal page that only shows the launcher's badge
 * never loads it.
 */
import './components/define-lazy.js';

export { installConversationFeatures } from './state/session/conversation-features.js';
