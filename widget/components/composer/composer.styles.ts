import { css } from 'lit';

export const styles = css`
  :host {
    position: relative;
    display: block;
    border-block-start: 1px solid var(--staff-chat-border);
    background: var(--staff-chat-bg);
  }
  /* The @ picker opens upwards, over the messages, as wide as the composer. */
  .mentions {
    /* Positioned, so the options' offsetTop is measured from it (it scrolls to the highlighted one). */
    position: absolute;
    z-index: 1;
    inset-block-end: calc(100% + 0.25rem);
    inset-inline: 0.75rem;
    max-height: 12rem;
    overflow-y: auto;
    margin: 0;
    padding: 0.25rem;
    list-style: none;
    background: var(--staff-chat-bg);
    color: var(--staff-chat-fg);
    border: 1px solid var(--staff-chat-border);
    border-radius: 0.75rem;
    box-shadow: var(--staff-chat-shadow);
  }
  .option {
    display: flex;
    align-items: baseline;
    gap: 0.5rem;
    padding: 0.375rem 0.625rem;
    border-radius: 0.5rem;
    cursor: pointer;
  }
  .option.active {
    background: var(--staff-chat-hover);
    box-shadow: inset 3px 0 0 var(--staff-chat-accent-text);
  }
  :host(:dir(rtl)) .option.active {
    box-shadow: inset -3px 0 0 var(--staff-chat-accent-text);
  }
  .option .label {
    font-weight: 600;
  }
  .option .detail {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-size: 0.75rem;
    color: var(--staff-chat-muted);
  }
  .replying {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 0.75rem 0;
    font-size: 0.8125rem;
  }
  .replying div {
    flex: 1;
    min-width: 0;
    padding-inline-start: 0.5rem;
    border-inline-start: 3px solid var(--staff-chat-accent);
  }
  .replying b {
    display: block;
    font-size: 0.75rem;
    color: var(--staff-chat-accent-text);
  }
  .replying span {
    display: block;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    color: var(--staff-chat-muted);
  }
  .icon-button {
    padding: 0.375rem;
    border-radius: 50%;
    font-size: 1rem;
  }
  .icon-button:hover:not(:disabled) {
    background: var(--staff-chat-hover);
  }
  form {
    display: flex;
    align-items: flex-end;
    gap: 0.5rem;
    padding: 0.625rem 0.75rem;
  }
  textarea {
    flex: 1;
    min-width: 0;
    min-height: 2.5rem;
    max-height: 8rem;
    field-sizing: content;
    resize: none;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--staff-chat-border);
    border-radius: 1.25rem;
    background: var(--staff-chat-input-bg);
    color: var(--staff-chat-fg);
    font: inherit;
    line-height: 1.4;
  }
  textarea::placeholder {
    color: var(--staff-chat-muted);
  }
  textarea:focus-visible {
    outline: 2px solid var(--staff-chat-focus-ring);
    outline-offset: 0;
    border-color: transparent;
  }
  .send {
    display: grid;
    place-items: center;
    width: 2.5rem;
    height: 2.5rem;
    border-radius: 50%;
    background: var(--staff-chat-accent);
    color: var(--staff-chat-accent-fg);
    font-size: 1.125rem;
  }
  .urgent-note {
    display: flex;
    align-items: center;
    gap: 0.375rem;
    padding: 0.5rem 0.75rem 0;
    font-size: 0.8125rem;
    font-weight: 600;
    color: var(--staff-chat-danger-text);
  }
  .attach,
  .urgent {
    display: grid;
    place-items: center;
    width: 2.5rem;
    height: 2.5rem;
    padding: 0;
    font-size: 1.125rem;
    color: var(--staff-chat-muted);
  }
  /* Pressed, it says so by more than colour: filled, and the note above the field. After the hover rule, which it beats. */
  .icon-button.urgent[aria-pressed='true'] {
    background: var(--staff-chat-danger);
    color: #fff;
  }
`;
