/**
 * The search flood: a hostile colleague runs message searches as fast as many parallel requests allow,
 * over a conversation with history and with prefix queries (the most work a search can ask for). The
 * per-person search limit (STAFF_CHAT_RATE_LIMIT_SEARCHES) answers 429 beyond its burst; the other
 * colleagues keep listing, sending and receiving as usual.
 */
import type { AttackSpec } from '../attack-run.js';
import { size } from '../bounds.js';
import { ATTACKER_ADDRESS } from '../hostile-server.js';
import { budgetFlood } from './budget-flood.js';

const { concurrency: CONCURRENCY, seconds: SECONDS } = size.searchFlood;
/** The default STAFF_CHAT_RATE_LIMIT_SEARCHES. */
const SEARCHES_PER_MINUTE = 60;
/** Messages to search through, within the sender's message burst. */
const HISTORY = 20;
const QUERIES = ['room', 'towel*', 'late checkout', 'r*', 'lift', 'guest*'];

export function searchFlood(): AttackSpec {
  return {
    title: `search flood: one person searches with ${CONCURRENCY} parallel requests for ${SECONDS} s`,
    name: 'search flood',
    async run({ server, signal }) {
      const tokens = await server.enrol(['snoop', 'snoop-friend']);
      const token = tokens.get('snoop')!;
      const conversation = await server.conversation(token, ['snoop-friend']);
      for (let index = 0; index < HISTORY; index++) {
        await server.call(token, 'POST', `/conversations/${conversation.id}/send-message/`, {
          message: `room ${100 + index} guest asks for towels and a late checkout, lift ${index % 3}`,
        });
      }
      const outcome = await budgetFlood({
        concurrency: CONCURRENCY,
        seconds: SECONDS,
        signal,
        perMinute: SEARCHES_PER_MINUTE,
        okStatus: 200,
        what: 'searches',
        request: (sequence) => {
          const q = encodeURIComponent(QUERIES[sequence % QUERIES.length]!);
          const scope = sequence % 2 === 0 ? `&conversation_id=${conversation.id}` : '';
          return server.call(token, 'GET', `/search/?q=${q}${scope}`, undefined, { localAddress: ATTACKER_ADDRESS });
        },
      });
      return { serverDid: outcome.summary, problems: outcome.problems };
    },
  };
}
