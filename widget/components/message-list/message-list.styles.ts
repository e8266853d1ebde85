import { css } from 'lit';

export const styles = css`
  :host {
    position: relative;
    display: flex;
    flex-direction: column;
    min-height: 0;
  }
  .log {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    /* The list keeps the reader's place itself (see virtual-scroller.ts); the browser's own scroll
       anchoring would correct the same shifts a second time. */
    overflow-anchor: none;
    padding: 0.75rem;
    display: flex;
    flex-direction: column;
  }
  /* A short conversation sits at the bottom, next to the composer, as in every chat. The auto margin
     is zero once the content overflows, so a long list scrolls as before (justify-content: flex-end
     would make its top unreachable). */
  .log > :first-child {
    margin-block-start: auto;
  }
  /* Flex items would shrink when the list overflows; the virtual list's empty spacers down to nothing. */
  .log > * {
    flex-shrink: 0;
  }
  .virtual-row {
    display: flow-root;
  }
  .message {
    border-radius: 0.5rem;
    transition: background-color 0.6s;
  }
  .message.highlight {
    background: var(--staff-chat-hover);
    box-shadow: 0 0 0 2px var(--staff-chat-accent);
    transition: none;
  }
  .new-messages {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin: 0.5rem 0;
    font-size: 0.75rem;
    font-weight: 600;
    color: var(--staff-chat-danger-text);
  }
  .new-messages::before,
  .new-messages::after {
    content: '';
    flex: 1;
    border-block-start: 1px solid currentColor;
  }
  .jump {
    position: absolute;
    inset-block-end: 0.75rem;
    /* Centred the same in both directions (a start offset with a translate would not be in RTL). */
    inset-inline: 0;
    margin-inline: auto;
    width: max-content;
    display: flex;
    align-items: center;
    gap: 0.375rem;
    padding: 0.375rem 0.75rem;
    border-radius: 999px;
    font-size: 0.8125rem;
    font-weight: 600;
    white-space: nowrap;
    color: var(--staff-chat-accent-fg);
    background: var(--staff-chat-accent);
    box-shadow: var(--staff-chat-shadow);
  }
  @media (prefers-reduced-motion: reduce) {
    .message {
      transition: none;
    }
  }
  .note {
    margin: auto;
    padding: 2rem 1rem;
    text-align: center;
    color: var(--staff-chat-muted);
    font-size: 0.875rem;
  }
  .more {
    display: block;
    margin: 0 auto 0.75rem;
    padding: 0.25rem 0.75rem;
    border-radius: 999px;
    font-size: 0.8125rem;
    color: var(--staff-chat-accent-text);
    background: var(--staff-chat-hover);
  }
  .day {
    margin: 0.75rem 0 0.5rem;
    text-align: center;
    font-size: 0.75rem;
    font-weight: 600;
    color: var(--staff-chat-muted);
  }
  .error {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    padding: 0.5rem;
    font-size: 0.8125rem;
    color: var(--staff-chat-danger-text);
  }
  .error button {
    font-weight: 600;
    text-decoration: underline;
  }
`;
