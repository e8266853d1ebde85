import { css } from 'lit';

export const styles = css`
  :host {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    font-size: 0.75rem;
    color: var(--staff-chat-muted);
  }
  .dot {
    width: 0.5rem;
    height: 0.5rem;
    border-radius: 50%;
    background: var(--staff-chat-warning);
    flex: none;
  }
  /* In a narrow header (a long title, a long language) the label leaves whole rather than as "V…",
     and the title beside it keeps its room: the label wraps onto a second line, which the one-line
     height hides. The dot stays; the label is still read out (role=status) and is the dot's tooltip. */
  :host(:not([banner])) {
    flex-wrap: wrap;
    align-content: flex-start;
    height: 1.4em;
    line-height: 1.4em;
    overflow: hidden;
  }
  /* A whole line tall with its margins, so a wrapped label starts below the visible line. */
  :host(:not([banner])) .dot {
    margin-block: calc((1.4em - 0.5rem) / 2);
  }
  [part='label'] {
    white-space: nowrap;
  }
  :host([state='connected']) .dot {
    background: var(--staff-chat-success);
  }
  :host([state='unavailable']) .dot,
  :host([state='failed']) .dot,
  :host([state='disconnected']) .dot {
    background: var(--staff-chat-danger);
  }
  :host([state='connecting']) .dot {
    animation: pulse 1.2s ease-in-out infinite;
  }
  :host([banner]) {
    display: none;
  }
  :host([banner][offline]) {
    display: block;
  }
  [part='banner'] {
    padding: 0.375rem 0.75rem;
    border-inline-start: 3px solid var(--staff-chat-warning);
    background: var(--staff-chat-input-bg);
    color: var(--staff-chat-fg);
    line-height: 1.35;
  }
  @keyframes pulse {
    50% {
      opacity: 0.3;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .dot {
      animation: none !important;
    }
  }
`;
