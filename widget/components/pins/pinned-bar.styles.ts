import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    position: relative;
  }
  .bar {
    display: flex;
    align-items: center;
    gap: 0.375rem;
    padding: 0.25rem 0.5rem 0.25rem 0.75rem;
    border-block-end: 1px solid var(--staff-chat-border);
    background: var(--staff-chat-bg);
    font-size: 0.8125rem;
  }
  .icon {
    flex: none;
    display: inline-flex;
    color: var(--staff-chat-accent-text);
  }
  .latest {
    flex: 1;
    min-width: 0;
    padding: 0.25rem;
    border-radius: 0.375rem;
    text-align: start;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .count {
    flex: none;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--staff-chat-border);
    border-radius: 1rem;
    background: var(--staff-chat-bg);
    color: var(--staff-chat-accent-text);
    font-weight: 600;
  }
  .latest:hover,
  .count:hover,
  .go:hover,
  .unpin:hover {
    background: var(--staff-chat-hover);
  }
  .list {
    position: absolute;
    inset-inline: 0;
    top: 100%;
    z-index: 2;
    max-height: 16rem;
    overflow-y: auto;
    margin: 0;
    padding: 0.25rem;
    list-style: none;
    border-block-end: 1px solid var(--staff-chat-border);
    background: var(--staff-chat-bg);
    box-shadow: var(--staff-chat-shadow);
  }
  li {
    display: flex;
    align-items: center;
    gap: 0.25rem;
  }
  .go {
    flex: 1;
    min-width: 0;
    display: grid;
    padding: 0.375rem 0.5rem;
    border-radius: 0.5rem;
    text-align: start;
    font-size: 0.8125rem;
  }
  .go > * {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .by {
    font-size: 0.75rem;
    color: var(--staff-chat-muted);
  }
  .unpin {
    flex: none;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--staff-chat-border);
    border-radius: 1rem;
    font-size: 0.75rem;
  }
`;
