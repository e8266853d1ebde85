/**
 * The forward fan-out flood: a hostile colleague forwards one message to the most conversations a
 * forward may name, as fast as many parallel requests allow, so each accepted request writes ten
 * messages and ten broadcasts. STAFF_CHAT_RATE_LIMIT_FORWARDS answers 429 beyond its burst; every copy
 * written is within what the accepted forwards allow; the other colleagues keep working as usual.
 */
import { MAX_FORWARD_TARGETS, type ForwardResult, type Message } from '../../../contract/index.js';
import type { AttackSpec } from '../attack-run.js';
import { size } from '../bounds.js';
import { ATTACKER_ADDRESS } from '../hostile-server.js';
import { budgetFlood } from './budget-flood.js';

const { concurrency: CONCURRENCY, seconds: SECONDS } = size.forwardFlood;
/** The default STAFF_CHAT_RATE_LIMIT_FORWARDS. */
const FORWARDS_PER_MINUTE = 20;

export function forwardFlood(): AttackSpec {
  return {
    title: `forward flood: one person forwards to ${MAX_FORWARD_TARGETS} conversations with ${CONCURRENCY} parallel requests for ${SECONDS} s`,
    name: 'forward flood',
    async run({ server, signal }) {
      const friends = Array.from({ length: MAX_FORWARD_TARGETS }, (_, index) => `fan-${index}`);
      const tokens = await server.enrol(['spreader', ...friends]);
      const token = tokens.get('spreader')!;
      const targets: number[] = [];
      for (const friend of friends) targets.push((await server.conversation(token, [friend])).id);
      const source = await server.call<Message>(token, 'POST', `/conversations/${targets[0]}/send-message/`, {
        message: 'Fire drill at 3 pm, pass it on',
      });
      if (source.status !== 201)
        return { serverDid: `the source message answered ${source.status}`, problems: ['could not send the message to forward'] };

      let copies = 0;
      const outcome = await budgetFlood({
        concurrency: CONCURRENCY,
        seconds: SECONDS,
        signal,
        perMinute: FORWARDS_PER_MINUTE,
        okStatus: 201,
        what: 'forwards',
        request: async () => {
          const response = await server.call<ForwardResult>(
            token,
            'POST',
            `/messages/${source.body.id}/forward/`,
            { conversation_ids: targets },
            { localAddress: ATTACKER_ADDRESS },
          );
          if (response.status === 201) copies += response.body.total_forwarded;
          return response;
        },
      });
      const problems = [...outcome.problems];
      if (copies > outcome.allowed * MAX_FORWARD_TARGETS)
        problems.push(`${copies} copies were written, more than ${outcome.allowed} forwards × ${MAX_FORWARD_TARGETS}`);
      return { serverDid: `${outcome.summary}; ${copies} copies written`, problems };
    },
  };
}
