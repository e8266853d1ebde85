import type { ApiClient } from '../../api/client.js';
import type { EventRouter } from '../live/router.js';
import type { ConversationsStore } from './conversations.js';

/**
 * `staff_mentioned` on the personal channel, for the one case `conversation_updated` does not cover: an
 * edit that newly mentions the viewer in a message that is not the conversation's newest, after which
 * the server sends no list update, so the row's `mention_count` would stay behind until the next fetch.
 * A mention in the newest message is already counted (its `conversation_updated` came first). Lazily
 * loaded, with the conversation features: until someone opens the chat, the next fetch catches up.
 */
export function followMentionEvents(deps: {
  api: Pick<ApiClient, 'conversations'>;
  conversations: ConversationsStore;
  router: Pick<EventRouter, 'on'>;
}): void {
  deps.router.on('staff_mentioned', (mention) => {
    const conversation = deps.conversations.find(mention.conversation_id);
    if (conversation?.last_message?.id === mention.message_id && conversation.mention_count) return;
    void deps.api.conversations().then(
      ({ results }) => deps.conversations.replaceAll(results),
      () => undefined,
    );
  });
}
