import { css } from 'lit';

export const styles = css`
  :host {
    display: inline-block;
  }
  button {
    position: relative;
    display: grid;
    place-items: center;
    width: var(--staff-chat-launcher-size);
    height: var(--staff-chat-launcher-size);
    border-radius: 50%;
    background: var(--staff-chat-accent);
    color: var(--staff-chat-accent-fg);
    font-size: calc(var(--staff-chat-launcher-size) * 0.45);
    box-shadow: var(--staff-chat-shadow);
    transition: transform 0.15s ease;
  }
  button:hover {
    transform: scale(1.05);
  }
  .badge {
    position: absolute;
    inset-block-start: -0.25rem;
    inset-inline-end: -0.25rem;
    box-shadow: 0 0 0 2px var(--staff-chat-bg);
  }
  .at {
    inset-block: auto -0.25rem;
    inset-inline: -0.25rem auto;
    background: var(--staff-chat-fg);
    color: var(--staff-chat-bg);
  }
  .urgent {
    inset-inline: -0.25rem auto;
  }
  @media (prefers-reduced-motion: reduce) {
    button {
      transition: none;
    }
  }
`;
