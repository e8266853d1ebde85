import { css } from 'lit';

export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
  }
  .log {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: 0.75rem;
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
