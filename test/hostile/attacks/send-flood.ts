/**
 * Attack 6, the message-send flood: one staff member sends as fast as many parallel requests allow.
 * The per-person message limit answers 429 with Retry-After beyond its burst, and the colleagues, who
 * have budgets of their own, keep sending and receiving as usual.
 */
import { histogram, type AttackSpec } from '../attack-run.js';
import { size } from '../bounds.js';
import { ATTACKER_ADDRESS } from '../hostile-server.js';

const { concurrency: CONCURRENCY, seconds: SECONDS } = size.sendFlood;
/** The default STAFF_CHAT_RATE_LIMIT_MESSAGES: 120 a minute, in bursts of a quarter of that. */
const MESSAGES_PER_MINUTE = 120;
const BURST = MESSAGES_PER_MINUTE / 4;

export function sendFlood(): AttackSpec {
  const title = `send flood: one person sends with ${CONCURRENCY} parallel requests for ${SECONDS} s`;
  return {
    title,
    name: 'send flood',
    async run({ server, signal }) {
      const tokens = await server.enrol(['chatterbox', 'chatterbox-friend']);
      const token = tokens.get('chatterbox')!;
      const conversation = await server.conversation(token, ['chatterbox-friend']);
      const statuses: (number | string)[] = [];
      let withoutRetryAfter = 0;
      let withoutErrorShape = 0;
      type Refusal = { error?: { code?: unknown; message?: unknown } };
      // What a request that got no answer counts as (typed, so both outcomes read the same).
      const noHeaders: Record<string, string> = {};
      const noBody: Refusal = {};
      let sequence = 0;
      const started = performance.now();
      const stopAt = started + SECONDS * 1000;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (performance.now() < stopAt && !signal.aborted) {
            const response = await server
              .call<Refusal>(
                token,
                'POST',
                `/conversations/${conversation.id}/send-message/`,
                {
                  message: `flood ${sequence}`,
                  client_id: `flood-${sequence++}`,
                },
                { localAddress: ATTACKER_ADDRESS },
              )
              .catch((error: NodeJS.ErrnoException) => ({ status: error.code ?? 'error', headers: noHeaders, body: noBody }));
            statuses.push(response.status);
            if (response.status === 429) {
              if (!response.headers['retry-after']) withoutRetryAfter += 1;
              if (typeof response.body.error?.code !== 'string' || typeof response.body.error.message !== 'string') withoutErrorShape += 1;
            }
          }
        }),
      );
      const elapsedSeconds = (performance.now() - started) / 1000;
      const accepted = statuses.filter((status) => status === 201).length;
      // The bucket starts full and refills at the per-minute rate; one extra token of slack for timing.
      const allowed = BURST + Math.ceil((elapsedSeconds * MESSAGES_PER_MINUTE) / 60) + 1;
      const problems: string[] = [];
      if (accepted > allowed)
        problems.push(`${accepted} flood messages were accepted, more than the limit's ${allowed} in ${elapsedSeconds.toFixed(1)} s`);
      if (!statuses.includes(429)) problems.push('no flood message was refused with 429');
      const other = statuses.filter((status) => status !== 201 && status !== 429);
      if (other.length > 0) problems.push(`${other.length} flood requests ended otherwise than 201 or 429: ${histogram(other)}`);
      if (withoutRetryAfter > 0) problems.push(`${withoutRetryAfter} 429 answers lack Retry-After`);
      if (withoutErrorShape > 0) problems.push(`${withoutErrorShape} 429 answers lack the {"error":{"code","message"}} body`);
      return {
        serverDid: `answered ${statuses.length} sends in ${elapsedSeconds.toFixed(1)} s (${(statuses.length / elapsedSeconds).toFixed(0)}/s): ${histogram(statuses)}; limit allows ${allowed}`,
        problems,
      };
    },
  };
}
