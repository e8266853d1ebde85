import { css } from 'lit';

export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    background: var(--staff-chat-bg);
    color: var(--staff-chat-fg);
  }
  section {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-height: 0;
  }
  header {
    display: flex;
    align-items: center;
    gap: 0.625rem;
    padding: 0.625rem 0.75rem;
    border-block-end: 1px solid var(--staff-chat-border);
    background: var(--staff-chat-header-bg);
    color: var(--staff-chat-header-fg);
  }
  .titles {
    flex: 1;
    min-width: 0;
  }
  h2 {
    margin: 0;
    font-size: 0.9375rem;
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .subtitle {
    font-size: 0.75rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  /* Icon buttons, so a group's title keeps the header's room in every language. */
  .close,
  .add,
  .search {
    flex: none;
    padding: 0.375rem;
    border-radius: 50%;
    font-size: 1.125rem;
  }
  .close:focus-visible,
  .add:focus-visible,
  .search:focus-visible {
    outline-color: currentColor;
  }
  .close:hover,
  .add:hover,
  .search:hover {
    background: rgb(127 127 127 / 0.2);
  }
  staff-chat-message-list {
    flex: 1;
  }
  .not-shown:not(:empty) {
    padding: 0.5rem 0.75rem;
    border-bottom: 1px solid var(--staff-chat-border);
    color: var(--staff-chat-muted);
    font-size: 0.8125rem;
  }
  /* The search takes at most half the window, so the message a result opens stays in sight below. */
  .search-bar {
    flex: none;
    max-height: 50%;
    border-bottom: 1px solid var(--staff-chat-border);
  }
  header .presence-dot {
    box-shadow: 0 0 0 2px var(--staff-chat-header-bg);
  }
  .typing {
    padding: 0.125rem 0.75rem 0.25rem;
    font-size: 0.75rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .typing:empty {
    padding: 0;
  }
  .seen {
    padding-inline: 0.75rem;
    text-align: end;
    font-size: 0.6875rem;
    color: var(--staff-chat-muted);
  }
  staff-chat-staff-directory {
    max-height: 40%;
    border-block-end: 1px solid var(--staff-chat-border);
  }
`;
