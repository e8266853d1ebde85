import { css } from 'lit';

export const styles = css`
  :host {
    display: contents;
  }
  .open {
    flex: none;
    padding: 0.375rem;
    border-radius: 50%;
    font-size: 1.125rem;
  }
  .open:hover {
    background: rgb(127 127 127 / 0.2);
  }
  .open:focus-visible {
    outline-color: currentColor;
  }
  .popover {
    position: fixed;
    inset: auto;
    margin: 0;
    min-width: 11rem;
    max-width: min(18rem, calc(100vw - 0.5rem));
    padding: 0.25rem;
    border: 1px solid var(--staff-chat-border);
    border-radius: 0.75rem;
    background: var(--staff-chat-bg);
    color: var(--staff-chat-fg);
    box-shadow: var(--staff-chat-shadow);
    font: inherit;
    font-size: 0.875rem;
  }
  [role='menu'] {
    display: grid;
  }
  [role='menuitem'] {
    padding: 0.5rem 0.75rem;
    border-radius: 0.5rem;
    text-align: start;
  }
  [role='menuitem']:hover,
  [role='menuitem']:focus-visible {
    background: var(--staff-chat-hover);
  }
  .danger {
    color: var(--staff-chat-danger-text);
  }
  .confirm {
    padding: 0.5rem;
  }
  .confirm p {
    margin: 0 0 0.5rem;
  }
  .actions {
    display: flex;
    gap: 0.375rem;
    justify-content: flex-end;
  }
  .actions button {
    padding: 0.25rem 0.75rem;
    border: 1px solid var(--staff-chat-border);
    border-radius: 1rem;
  }
`;
