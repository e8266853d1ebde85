import { css } from 'lit';

export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
  }
  [role='dialog'],
  form {
    display: flex;
    flex-direction: column;
    min-height: 0;
  }
  .head {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 0.5rem 0.25rem 1rem;
  }
  h3 {
    flex: 1;
    margin: 0;
    font-size: 0.875rem;
    font-weight: 600;
  }
  .close {
    flex: none;
    padding: 0.375rem;
    border-radius: 50%;
    font-size: 1.125rem;
  }
  .close:hover,
  label:hover {
    background: var(--staff-chat-hover);
  }
  ul {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  label {
    display: flex;
    align-items: center;
    gap: 0.625rem;
    padding: 0.375rem 1rem;
    font-size: 0.875rem;
    cursor: pointer;
  }
  input {
    flex: none;
    margin: 0;
  }
  .note {
    margin: 0;
    padding: 1rem;
    text-align: center;
    color: var(--staff-chat-muted);
    font-size: 0.875rem;
  }
  .actions {
    display: flex;
    justify-content: flex-end;
    padding: 0.5rem 1rem;
  }
  .send {
    padding: 0.375rem 0.875rem;
    border-radius: 999px;
    background: var(--staff-chat-accent);
    color: var(--staff-chat-accent-fg);
    font-size: 0.8125rem;
    font-weight: 600;
  }
  .send:disabled {
    background: var(--staff-chat-hover);
    color: var(--staff-chat-muted);
  }
`;
