import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  ul {
    margin: 0;
    padding: 0.375rem 0.75rem 0;
    list-style: none;
    display: grid;
    gap: 0.375rem;
  }
  li {
    display: grid;
    grid-template-columns: 1fr auto auto;
    align-items: center;
    gap: 0.125rem 0.5rem;
    font-size: 0.8125rem;
  }
  .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .size {
    color: var(--staff-chat-muted);
  }
  progress {
    grid-column: 1 / -1;
    width: 100%;
    height: 0.375rem;
    accent-color: var(--staff-chat-accent);
  }
  .error {
    grid-column: 1 / -1;
    color: var(--staff-chat-danger-text, #b91c1c);
  }
  button {
    padding: 0.25rem;
    border-radius: 50%;
  }
  button:hover {
    background: var(--staff-chat-hover);
  }
  .drop {
    margin: 0.375rem 0.75rem 0;
    padding: 0.75rem;
    border: 2px dashed var(--staff-chat-accent);
    border-radius: 0.5rem;
    text-align: center;
    font-weight: 600;
  }
`;
