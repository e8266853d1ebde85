import { css } from 'lit';

export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    background: var(--staff-chat-bg);
    color: var(--staff-chat-fg);
  }
  .header {
    position: relative;
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.75rem 1rem 0.5rem;
  }
  /* The title keeps one line; the connection label gives way first: shrinking is shared by basis times
     factor, so only a factor this large leaves the title (almost) nothing to give. */
  h2 {
    flex: 1 1 auto;
    min-width: 0;
    margin: 0;
    font-size: 1.0625rem;
    font-weight: 700;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .header > staff-chat-connection-status {
    flex: 0 100000 auto;
    min-width: 0;
  }
  .close,
  .header .search {
    padding: 0.375rem;
    border-radius: 50%;
    font-size: 1.125rem;
    color: var(--staff-chat-muted);
  }
  .close:hover,
  .header .search:hover {
    background: var(--staff-chat-hover);
  }
  [role='tablist'] {
    display: flex;
    gap: 0.25rem;
    padding: 0 0.75rem;
    border-block-end: 1px solid var(--staff-chat-border);
  }
  [role='tab'] {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    padding: 0.5rem 0.75rem;
    margin-block-end: -1px;
    border-block-end: 2px solid transparent;
    color: var(--staff-chat-muted);
    font-weight: 600;
  }
  [role='tab'][aria-selected='true'] {
    color: var(--staff-chat-accent-text);
    border-block-end-color: var(--staff-chat-accent);
  }
  [role='tabpanel'] {
    flex: 1;
    min-height: 0;
    display: flex;
    flex-direction: column;
  }
  staff-chat-message-search {
    flex: 1;
    min-height: 0;
    border-block-start: 1px solid var(--staff-chat-border);
  }
  [role='tabpanel'] > * {
    flex: 1;
    min-height: 0;
  }
  .problem {
    margin: auto;
    padding: 2rem 1.5rem;
    text-align: center;
    color: var(--staff-chat-muted);
  }
  .problem button {
    margin-block-start: 0.75rem;
    padding: 0.375rem 1rem;
    border-radius: 999px;
    background: var(--staff-chat-accent);
    color: var(--staff-chat-accent-fg);
    font-weight: 600;
  }
`;
