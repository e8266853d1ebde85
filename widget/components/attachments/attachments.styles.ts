import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
    margin: 0.25rem 0 0;
    padding: 0;
    list-style: none;
  }
  .thumb {
    display: block;
    max-width: 100%;
    border-radius: 0.5rem;
    overflow: hidden;
    background: var(--staff-chat-hover);
  }
  .thumb img {
    display: block;
    width: auto;
    height: auto;
    /* A length, not a percentage: the frame around it is as wide as the image wants (its max-content),
       which a percentage here would leave at the image's natural width, wider than the image drawn. */
    max-width: 12rem;
    max-height: 9rem;
    /* A tiny image still makes a thumbnail one can hit. */
    min-width: 2.5rem;
    min-height: 2.5rem;
    object-fit: cover;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    max-width: 100%;
    padding: 0.375rem 0.625rem;
    border: 1px solid var(--staff-chat-border);
    border-radius: 0.5rem;
    /* Its own colours, not the bubble's: one's own bubble is on the accent. */
    background: var(--staff-chat-bg);
    color: var(--staff-chat-fg);
    text-decoration: none;
    font-size: 0.8125rem;
  }
  .chip:hover {
    background: var(--staff-chat-hover);
  }
  .chip svg {
    font-size: 1rem;
    color: var(--staff-chat-muted);
  }
  .chip .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .chip .size {
    flex: none;
    color: var(--staff-chat-muted);
  }
  dialog {
    max-width: min(90vw, 60rem);
    max-height: 90vh;
    padding: 0.5rem;
    border: 0;
    border-radius: 0.75rem;
    background: var(--staff-chat-bg, #fff);
    color: inherit;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.6);
  }
  dialog img {
    display: block;
    min-width: 8rem;
    object-fit: contain;
    max-width: 100%;
    max-height: calc(90vh - 4rem);
    margin: auto;
  }
  .preview-bar {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding-block-end: 0.5rem;
    font-size: 0.8125rem;
  }
  .preview-bar span {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .preview-bar a,
  .preview-bar button {
    padding: 0.25rem 0.5rem;
    border-radius: 0.375rem;
    color: inherit;
  }
  .preview-bar button:hover,
  .preview-bar a:hover {
    background: var(--staff-chat-hover);
  }
`;
