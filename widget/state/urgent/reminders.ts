/**
 * Reminds the viewer of urgent messages they have not acknowledged: a notification (and the beep, as
 * the alert settings allow) as soon as a new one waits, then again every {@link REMINDER_INTERVAL_MS}
 * for as long as any waits, muted conversation or not; nothing once the last is acknowledged. Part of
 * the lazily loaded chunk, which the session loads as soon as one waits (pending.ts).
 */
import type { ReadableAtom } from 'nanostores';
import type { Message } from '../../../server/contract.js';
import { msg } from '../../messages/ui.js';
import { onAbort } from '../shared/abort.js';

/** How often an unacknowledged urgent message is brought up again. */
export const REMINDER_INTERVAL_MS = 3 * 60_000;

/** Runs `run` every `ms` until the returned function is called; tests pass a fake clock. */
export type ReminderTimer = (run: () => void, ms: number) => () => void;

const intervalTimer: ReminderTimer = (run, ms) => {
  const timer = setInterval(run, ms);
  return () => clearInterval(timer);
};

/** Shows a notification; the conversation id is its tag, so a reminder replaces that conversation's last alert. */
export type Alert = (title: string, body: string, conversationId: number) => void;

/**
 * @param $pending the viewer's unacknowledged urgent messages, oldest first
 * @param signal stops reminding (the session's stop)
 */
export function remindUntilAcknowledged(
  $pending: ReadableAtom<Message[]>,
  alert: Alert,
  signal: AbortSignal,
  timer: ReminderTimer = intervalTimer,
): void {
  let known = new Set<number>();
  let stopTimer: (() => void) | null = null;

  function remind(): void {
    const waiting = $pending.get();
    const oldest = waiting[0];
    if (oldest) alert(msg.urgentReminder(waiting.length), `${oldest.sender_info.full_name}: ${oldest.message}`, oldest.conversation_id);
  }

  const unsubscribe = $pending.subscribe((waiting) => {
    const arrived = waiting.some((message) => !known.has(message.id));
    known = new Set(waiting.map((message) => message.id));
    if (waiting.length === 0 || arrived) {
      stopTimer?.();
      stopTimer = null;
    }
    if (!arrived) return;
    // A new one: at once, and the interval counts from now.
    remind();
    stopTimer = timer(remind, REMINDER_INTERVAL_MS);
  });
  onAbort(signal, () => {
    unsubscribe();
    stopTimer?.();
  });
}
