import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  ul {
    margin: 0;
    padding: 0.25rem 0;
    list-style: none;
  }
  .row {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    width: 100%;
    padding: 0.625rem 1rem;
    text-align: start;
  }
  .row:hover,
  .row[aria-current='true'] {
    background: var(--staff-chat-hover);
  }
  .row:focus-visible {
    outline-offset: -2px;
  }
  .main {
    flex: 1;
    min-width: 0;
  }
  .line {
    display: flex;
    align-items: baseline;
    gap: 0.5rem;
  }
  .name {
    flex: 1;
    min-width: 0;
    font-weight: 600;
    font-size: 0.9375rem;
  }
  .name,
  .preview,
  .dept {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .dept {
    display: block;
    font-size: 0.75rem;
    color: var(--staff-chat-muted);
  }
  time {
    flex: none;
    font-size: 0.75rem;
    color: var(--staff-chat-muted);
  }
  .preview {
    flex: 1;
    min-width: 0;
    font-size: 0.8125rem;
    color: var(--staff-chat-muted);
  }
  .unread .preview {
    color: var(--staff-chat-fg);
    font-weight: 600;
  }
  /* The @ badge: the accent, where the unread count is red, so the two never read as one. */
  .badge.mention {
    background: var(--staff-chat-accent);
    color: var(--staff-chat-accent-fg);
  }
  .note {
    padding: 2rem 1.5rem;
    margin: 0;
    text-align: center;
    color: var(--staff-chat-muted);
    font-size: 0.875rem;
  }
  /* Department channels: their section's heading, and the group icon in place of initials. */
  .section {
    margin: 0;
    padding: 0.625rem 1rem 0.125rem;
    font-size: 0.6875rem;
    font-weight: 600;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    color: var(--staff-chat-muted);
  }
  .avatar.department {
    background: var(--staff-chat-accent);
    color: var(--staff-chat-accent-fg);
  }
  .muted {
    flex: none;
    display: inline-flex;
    color: var(--staff-chat-muted);
  }
  /* A muted conversation's count stays visible in its row, in grey: no alarm colour. */
  .badge.quiet {
    background: var(--staff-chat-muted);
    color: var(--staff-chat-bg);
  }
`;
