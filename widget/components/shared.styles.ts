import { css } from 'lit';

/**
 * Pieces every element shares: a box-sizing reset, buttons without the host page's look, a visible
 * focus ring, the visually-hidden helper and the avatar. The colour tokens themselves are defined
 * once, on <staff-chat>, and inherited (see ../staff-chat.styles.ts).
 */
export const sharedStyles = css`
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button {
    font: inherit;
    color: inherit;
    background: none;
    border: 0;
    padding: 0;
    margin: 0;
    cursor: pointer;
  }
  button:disabled {
    cursor: default;
    opacity: 0.5;
  }
  :focus-visible {
    outline: 2px solid var(--staff-chat-focus-ring, #2563eb);
    outline-offset: 2px;
  }
  svg {
    display: block;
    flex: none;
  }
  /* Icons that point along the reading direction (send, reply) point the other way right to left. */
  svg.mirrored:dir(rtl) {
    transform: scaleX(-1);
  }
  /* User text gets its own direction (dir=auto), but lines up with the layout around it; message
     bodies and text fields align by their own direction. */
  [dir='auto']:not(textarea, input, .text) {
    text-align: match-parent;
  }
  /* An empty field has no direction of its own (Chromium then says ltr): the placeholder and the caret
     follow the layout until the person types. */
  :is(input, textarea)[dir='auto']:placeholder-shown {
    direction: inherit;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .avatar {
    display: inline-grid;
    place-items: center;
    flex: none;
    width: var(--staff-chat-avatar-size, 2.25rem);
    height: var(--staff-chat-avatar-size, 2.25rem);
    border-radius: 50%;
    overflow: hidden;
    background: var(--staff-chat-avatar-bg, #dbe4ff);
    color: var(--staff-chat-avatar-fg, #1e3a8a);
    font-size: 0.8125rem;
    font-weight: 600;
  }
  .avatar img {
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .badge {
    display: inline-grid;
    place-items: center;
    min-width: 1.25rem;
    height: 1.25rem;
    padding-inline: 0.375rem;
    border-radius: 999px;
    background: var(--staff-chat-badge-bg, #dc2626);
    color: var(--staff-chat-badge-fg, #fff);
    font-size: 0.75rem;
    font-weight: 700;
    line-height: 1;
  }
`;
