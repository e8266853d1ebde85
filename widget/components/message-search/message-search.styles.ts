import { css } from 'lit';

export const styles = css`
  .bar {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 0.75rem;
  }
  .field {
    flex: 1;
    min-width: 0;
  }
  /* Chromium's own clear button lands on the icon when the text runs against the page's direction,
     and sits beside the close button; Escape empties the field. */
  input::-webkit-search-cancel-button {
    display: none;
  }
  .result {
    display: block;
    width: 100%;
    padding: 0.5rem 1rem;
    text-align: start;
    color: var(--staff-chat-fg);
  }
  .result:hover {
    background: var(--staff-chat-hover);
  }
  .result:focus-visible {
    outline-offset: -2px;
  }
  .meta {
    display: flex;
    gap: 0.375rem;
    align-items: baseline;
    min-width: 0;
    font-size: 0.8125rem;
  }
  .title {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .sender {
    color: var(--staff-chat-muted);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  time {
    margin-inline-start: auto;
    flex: none;
    color: var(--staff-chat-muted);
    font-size: 0.75rem;
  }
  .snippet {
    display: block;
    margin-top: 0.125rem;
    overflow-wrap: anywhere;
  }
  /* Matched words: dark text on pale yellow, light text on deep amber (both well over 4.5:1). */
  mark {
    border-radius: 0.2em;
    padding: 0 0.1em;
    background: light-dark(#fef08a, #854d0e);
    color: light-dark(#111827, #fefce8);
    font-weight: 600;
  }
  .note {
    margin: 0;
    padding: 0.75rem 1rem;
    color: var(--staff-chat-muted);
  }
  .error {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    padding: 0.75rem 1rem;
    color: var(--staff-chat-danger-text);
  }
  .error button,
  .more {
    padding: 0.375rem 0.875rem;
    border: 1px solid var(--staff-chat-border);
    border-radius: 999px;
    color: var(--staff-chat-fg);
  }
  .more {
    display: block;
    margin: 0.25rem auto 0.75rem;
  }
  .more:hover:not(:disabled),
  .error button:hover {
    background: var(--staff-chat-hover);
  }
`;
