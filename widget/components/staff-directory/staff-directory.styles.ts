import { css } from 'lit';

export const styles = css`
  .search {
    padding: 0.75rem 1rem 0.5rem;
  }
  /* "Add people": the field and the picker's close button on one line. */
  .search.picking {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .search.picking .field {
    flex: 1;
    min-width: 0;
  }
  .field {
    display: block;
  }
  .person {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    width: 100%;
    padding: 0.5rem 1rem;
    text-align: start;
  }
  .person:hover:not(:disabled) {
    background: var(--staff-chat-hover);
  }
  .person:focus-visible {
    outline-offset: -2px;
  }
  .name {
    display: block;
    font-weight: 600;
    font-size: 0.9375rem;
  }
  .dept {
    display: block;
    font-size: 0.75rem;
    color: var(--staff-chat-muted);
  }
  .note {
    margin: 0;
    padding: 1.5rem 1rem;
    text-align: center;
    color: var(--staff-chat-muted);
    font-size: 0.875rem;
  }
  .error {
    color: var(--staff-chat-danger-text);
  }
  .person input {
    width: auto;
    flex: none;
  }
  .new-group,
  .choice button {
    margin-block-start: 0.375rem;
    padding: 0.25rem 0.75rem;
    border-radius: 999px;
    background: var(--staff-chat-hover);
    font-size: 0.8125rem;
  }
  .new-group[aria-pressed='true'] {
    box-shadow: inset 0 0 0 1px currentColor;
  }
  .choice {
    display: flex;
    gap: 0.5rem;
    padding: 0 1rem 0.5rem;
  }
  .choice input {
    padding-inline-start: 0.75rem;
  }
  .choice button {
    flex: none;
    margin: 0;
  }
`;
