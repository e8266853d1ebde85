import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    padding-block: 0.125rem;
  }
  .row {
    display: flex;
    align-items: center;
    gap: 0.25rem;
  }
  :host([mine]) .row {
    flex-direction: row-reverse;
  }
  .bubble {
    max-width: 80%;
    padding: 0.5rem 0.75rem;
    border-radius: var(--staff-chat-bubble-radius);
    border-end-start-radius: 0.25rem;
    background: var(--staff-chat-bubble-theirs-bg);
    color: var(--staff-chat-bubble-theirs-fg);
    overflow-wrap: anywhere;
  }
  :host([mine]) .bubble {
    border-end-start-radius: var(--staff-chat-bubble-radius);
    border-end-end-radius: 0.25rem;
    background: var(--staff-chat-bubble-mine-bg);
    color: var(--staff-chat-bubble-mine-fg);
  }
  :host([status='failed']) .bubble {
    box-shadow: inset 0 0 0 1px var(--staff-chat-danger);
  }
  .sender {
    font-size: 0.75rem;
    font-weight: 600;
    margin-block-end: 0.125rem;
    color: var(--staff-chat-accent-text);
  }
  /* In the bubble's own text colour, so it stays readable on the accent of one's own messages. */
  .forwarded {
    font-size: 0.75rem;
    font-style: italic;
    margin-block-end: 0.125rem;
  }
  .text {
    margin: 0;
    white-space: pre-wrap;
  }
  /*
   * A link reads as the text around it (its colour passes on both bubbles) and is told apart by its
   * underline, not by a colour of its own; a long address breaks anywhere instead of widening the bubble.
   */
  .text a {
    color: inherit;
    text-decoration: underline;
    text-underline-offset: 0.15em;
    overflow-wrap: anywhere;
  }
  .text a:hover {
    text-decoration-thickness: 2px;
  }
  /* On the accent the accent-coloured ring would vanish: the text's own colour shows instead. */
  :host([mine]) .text a:focus-visible {
    outline-color: currentColor;
  }
  /*
   * A mentioned name: bold in the accent's text colour on others' bubbles, bold and underlined in the
   * bubble's own colour on the accent (where the accent would vanish). A mention of the viewer also gets
   * a tinted ground and a bar under it: on others' bubbles the accent mixed in, under the bubble's own
   * text colour (the accent's text colour is tuned for the plain bubble, not the tint); on the accent,
   * the accent pushed away from the text colour (darker under white, lighter under black), so it only
   * gains contrast.
   */
  .mention {
    font-weight: 700;
    color: var(--staff-chat-accent-text);
  }
  .mention.me {
    padding-inline: 0.1875rem;
    border-radius: 0.25rem;
    color: var(--staff-chat-bubble-theirs-fg);
    /* More of the accent in dark, where a fifth of it barely shows on the grey. */
    background: light-dark(
      color-mix(in oklab, var(--staff-chat-accent) 22%, var(--staff-chat-bubble-theirs-bg)),
      color-mix(in oklab, var(--staff-chat-accent) 40%, var(--staff-chat-bubble-theirs-bg))
    );
    box-shadow: inset 0 -2px 0 var(--staff-chat-accent-text);
  }
  :host([mine]) .mention {
    color: inherit;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  :host([mine]) .mention.me {
    background: color-mix(in oklab, var(--staff-chat-bubble-mine-bg) 70%, lch(from var(--staff-chat-accent) clamp(0, (l - 49.5) * 1000, 100) 0 0));
    box-shadow: inset 0 -2px 0 currentColor;
    text-decoration: none;
  }
  /* A deleted message is a placeholder, not a message: an outline, no colour, muted italic text. */
  :host .bubble.deleted {
    background: none;
    color: var(--staff-chat-muted);
    border: 1px dashed color-mix(in oklab, var(--staff-chat-muted) 60%, transparent);
    font-style: italic;
  }
  .editing {
    flex: 1;
  }
  .quote {
    display: block;
    width: 100%;
    text-align: start;
    margin: 0 0 0.375rem;
    padding: 0.25rem 0.5rem;
    border-inline-start: 3px solid currentColor;
    border-radius: 0.25rem;
    background: rgb(127 127 127 / 0.15);
    font-size: 0.8125rem;
  }
  .quote b {
    display: block;
    font-size: 0.75rem;
  }
  .quote span {
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
    white-space: pre-wrap;
  }
  .meta {
    display: flex;
    justify-content: flex-end;
    align-items: center;
    gap: 0.25rem;
    margin-block-start: 0.125rem;
    font-size: 0.6875rem;
    color: var(--staff-chat-muted);
  }
  :host([mine]) .meta {
    color: inherit;
  }
  .reply {
    padding: 0.375rem;
    border-radius: 50%;
    color: var(--staff-chat-muted);
    opacity: 0;
  }
  :host(:hover) .reply,
  .reply:focus-visible {
    opacity: 1;
  }
  .reply:hover {
    background: var(--staff-chat-hover);
  }
  .failed {
    display: flex;
    justify-content: flex-end;
    align-items: center;
    gap: 0.375rem;
    margin-block-start: 0.25rem;
    font-size: 0.75rem;
    color: var(--staff-chat-danger-text);
  }
  .failed button {
    font-weight: 600;
    text-decoration: underline;
  }
  @media (hover: none) {
    .reply {
      opacity: 1;
    }
  }
`;
