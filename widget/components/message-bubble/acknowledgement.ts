import { css, html, nothing, svg } from 'lit';
import { formatFullTime, formatTime, msg } from '../../messages/ui.js';
import type { ChatMessage } from '../../state/session.js';
import { alertIcon, clockIcon } from '../icons.js';
import type { BubbleContext } from './bubble-context.js';

/*
 * An urgent message's parts of the bubble: the "Urgent" label, the recipient's "Acknowledge" button
 * (then "Acknowledged" with the time), and for everyone "Acknowledged by 1 of 2" opening the list of
 * who has and who has not. Templates the bubble renders, so its own file stays about showing a message.
 */

// Here rather than in ../icons.ts, which the entry script carries: only this chunk draws it.
const checkIcon = svg`<svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="M5 12.5l4.5 4.5L19 7.5"/></svg>`;

/** Whether the bubble shows as urgent: asked for acknowledgements, and not deleted (a deleted one owes nothing). */
export function isUrgent(m: ChatMessage): boolean {
  return m.requires_acknowledgement === true && !m.is_deleted;
}

/** The label at the top of an urgent bubble: an icon and a word, not only a colour. */
export function urgentLabel(m: ChatMessage) {
  return isUrgent(m) ? html`<div class="urgent-label">${alertIcon}<span>${msg.urgent}</span></div>` : nothing;
}

/** Under an urgent message's text: what the viewer can do about it, and who has acknowledged it. */
export function acknowledgementPart(m: ChatMessage, context: BubbleContext | undefined) {
  const summary = m.acknowledgements;
  if (!isUrgent(m) || !summary) return nothing;
  const me = context?.meId;
  const own = summary.acknowledged.find((entry) => entry.id === me);
  const owed = me !== undefined && summary.pending.includes(me);
  const time = (at: string) => html`<time datetime=${at} title=${formatFullTime(at)}>${formatTime(at)}</time>`;
  return html`<div class="ack" part="acknowledgement">
    ${owed && context ? html`<button class="ack-button" type="button" @click=${() => context.acknowledge(m.id)}>${checkIcon}${msg.acknowledge}</button>` : nothing}
    ${own ? html`<span class="ack-own">${checkIcon}<span title=${formatFullTime(own.at)}>${msg.acknowledgedAt(formatTime(own.at))}</span></span>` : nothing}
    <details class="ack-by">
      <summary>${msg.acknowledgedBy(summary.acknowledged.length, summary.total)}</summary>
      <ul>
        ${summary.acknowledged.map(
          (entry) => html`<li>${checkIcon}<span dir="auto">${entry.id === me ? msg.you : entry.full_name}</span> ${time(entry.at)}</li>`,
        )}
        ${summary.pending.map(
          (id) =>
            html`<li class="not-yet">${clockIcon}<span dir="auto">${id === me ? msg.you : (context?.nameOf(id) ?? id)}</span> <span>${msg.notYetAcknowledged}</span></li>`,
        )}
      </ul>
    </details>
  </div>`;
}

export const acknowledgementStyles = css`
  /* A ring outside the bubble (on the page's background, so it shows on the accent too) and the label. */
  .bubble.urgent {
    box-shadow: 0 0 0 2px var(--staff-chat-danger);
  }
  .urgent-label {
    display: flex;
    align-items: center;
    gap: 0.25rem;
    margin-block-end: 0.25rem;
    font-size: 0.6875rem;
    font-weight: 700;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    color: var(--staff-chat-danger-text);
  }
  /* On the accent the danger colour would not read: the bubble's own text colour does. */
  :host([mine]) .urgent-label {
    color: inherit;
  }
  .ack {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.625rem;
    margin-block-start: 0.375rem;
    font-size: 0.75rem;
  }
  .ack-button {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    padding: 0.3125rem 0.75rem;
    border-radius: 999px;
    background: var(--staff-chat-danger);
    color: #fff;
    font-size: 0.8125rem;
    font-weight: 700;
  }
  .ack-button:hover {
    filter: brightness(0.92);
  }
  .ack-own {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    font-weight: 600;
  }
  .ack-by summary {
    cursor: pointer;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  .ack-by ul {
    margin: 0.25rem 0 0;
    padding: 0;
    list-style: none;
  }
  .ack-by li {
    display: flex;
    align-items: center;
    gap: 0.25rem;
  }
  .ack-by li.not-yet {
    font-style: italic;
  }
  :host([mine]) .ack summary:focus-visible,
  :host([mine]) .ack-button:focus-visible {
    outline-color: currentColor;
  }
`;
