import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  /* Told apart by its icon, its words and a thick edge, not by its tint alone. */
  .banner {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin: 0 0.75rem 0.5rem;
    padding: 0.5rem 0.625rem;
    border-inline-start: 4px solid var(--staff-chat-danger);
    border-radius: 0.375rem;
    background: color-mix(in oklab, var(--staff-chat-danger) 12%, var(--staff-chat-bg));
    color: var(--staff-chat-fg);
    font-size: 0.8125rem;
    font-weight: 600;
  }
  .banner > svg {
    flex: none;
    font-size: 1.125rem;
    color: var(--staff-chat-danger-text);
  }
  span {
    flex: 1;
    min-width: 0;
  }
  button {
    flex: none;
    padding: 0.3125rem 0.75rem;
    border-radius: 999px;
    background: var(--staff-chat-danger);
    color: #fff;
    font-weight: 700;
  }
  button:hover {
    filter: brightness(0.92);
  }
`;
