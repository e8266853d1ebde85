import { css } from 'lit';

/**
 * A search pane: a round search field with its icon (`<span class="field">` around an svg and the
 * input), a round close button (`.close`), and the scrolling `.results` list below. The staff
 * directory and message search both are one; each adds how its field sits in its bar. A module of
 * its own, not in shared.styles.ts: that one is in the entry script, and these rules are needed only
 * in the lazily loaded chunk.
 */
export const searchPaneStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
  }
  /* The icon is centred on the field alone, whatever follows the field. */
  .field {
    position: relative;
  }
  .field svg {
    position: absolute;
    inset-inline-start: 0.75rem;
    inset-block-start: 50%;
    translate: 0 -50%;
    color: var(--staff-chat-muted);
    pointer-events: none;
  }
  input {
    width: 100%;
    padding: 0.5rem 0.75rem;
    padding-inline-start: 2.25rem;
    border: 1px solid var(--staff-chat-border);
    border-radius: 999px;
    background: var(--staff-chat-input-bg);
    color: var(--staff-chat-fg);
    font: inherit;
  }
  input:focus-visible {
    outline-offset: 0;
  }
  .close {
    flex: none;
    padding: 0.375rem;
    border-radius: 50%;
    font-size: 1.125rem;
    color: var(--staff-chat-fg);
  }
  .close:hover {
    background: var(--staff-chat-hover);
  }
  .results {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  ul {
    margin: 0;
    padding: 0 0 0.25rem;
    list-style: none;
  }
`;
