import { css } from 'lit';

/** The checklist: on a colleague's bubble, on one's own (accent) bubble and in the pinned bar; colours inherit. */
export const checklistStyles = css`
  :host {
    display: block;
  }
  ul {
    margin: 0.25rem 0 0;
    padding: 0;
    list-style: none;
  }
  li {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: start;
    column-gap: 0.5rem;
    padding: 0.1875rem 0;
  }
  input {
    width: 1.125rem;
    height: 1.125rem;
    margin: 0.0625rem 0 0;
    accent-color: currentColor;
    cursor: pointer;
  }
  input:disabled {
    cursor: default;
  }
  /* As wide as its text, at the start: an item in another script than the layout's stays beside its box. */
  label {
    justify-self: start;
    overflow-wrap: anywhere;
    cursor: pointer;
  }
  .done label {
    text-decoration: line-through;
    text-decoration-thickness: 1px;
  }
  /* Full colour, not faded: on one's own accent bubble a fainter tone falls under 4.5:1. */
  .by,
  .progress {
    font-size: 0.6875rem;
  }
  .by {
    grid-column: 2;
    justify-self: start;
  }
  .progress {
    margin: 0.25rem 0 0;
  }
`;

/**
 * The pinned note at the top of a department channel's window: its head stays, what is below it
 * scrolls (a sticky head would lie over scrolled text, whose contrast then cannot be checked).
 */
export const barStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    flex: none;
    max-height: 45%;
    overflow: hidden;
    border-block-end: 1px solid var(--staff-chat-border);
    background: var(--staff-chat-input-bg);
    color: var(--staff-chat-fg);
    font-size: 0.8125rem;
  }
  :host([composing]) {
    max-height: 70%;
  }
  section {
    display: flex;
    flex-direction: column;
    min-height: 0;
  }
  .scroll {
    min-height: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  .head {
    flex: none;
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.375rem 0.75rem;
    background: var(--staff-chat-input-bg);
  }
  /* The label on the first line, who wrote the note and how far it got on the second. */
  .toggle {
    flex: 1;
    min-width: 0;
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: center;
    column-gap: 0.375rem;
    text-align: start;
    border-radius: 0.25rem;
  }
  .toggle .meta {
    grid-column: 2;
  }
  .toggle:disabled {
    opacity: 1;
  }
  .label {
    font-weight: 600;
    white-space: nowrap;
  }
  .meta {
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    color: var(--staff-chat-muted);
    font-size: 0.75rem;
  }
  .chevron {
    align-self: center;
    transition: transform 0.15s;
  }
  [aria-expanded='false'] > .chevron {
    transform: rotate(-90deg);
  }
  [aria-expanded='false'] > .chevron:dir(rtl) {
    transform: rotate(90deg);
  }
  .new,
  .past-toggle,
  .older {
    flex: none;
    padding: 0.25rem 0.625rem;
    border: 1px solid var(--staff-chat-border);
    border-radius: 999px;
    background: var(--staff-chat-bg);
    color: var(--staff-chat-accent-text);
    font-size: 0.75rem;
    font-weight: 600;
  }
  .new[aria-expanded='true'],
  .past-toggle[aria-expanded='true'] {
    background: var(--staff-chat-hover);
  }
  .body {
    padding: 0 0.75rem 0.5rem;
  }
  .body[hidden] {
    display: none;
  }
  .summary {
    margin: 0 0 0.125rem;
    font-weight: 600;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .note,
  .byline {
    margin: 0.25rem 0;
    color: var(--staff-chat-muted);
    font-size: 0.75rem;
  }
  .past-toggle {
    margin-top: 0.5rem;
  }
  .past ol {
    margin: 0.5rem 0 0;
    padding: 0;
    list-style: none;
  }
  .past li {
    padding: 0.375rem 0;
    border-block-start: 1px solid var(--staff-chat-border);
  }
  .older {
    margin-top: 0.375rem;
  }
`;

/** The form for a new handover note. */
export const composerStyles = css`
  :host {
    display: block;
    padding: 0 0.75rem 0.625rem;
  }
  h3 {
    margin: 0.25rem 0 0.5rem;
    font-size: 0.875rem;
  }
  label.summary {
    display: grid;
    gap: 0.25rem;
    font-weight: 600;
  }
  textarea,
  input {
    width: 100%;
    font: inherit;
    color: inherit;
    background: var(--staff-chat-bg);
    border: 1px solid var(--staff-chat-border);
    border-radius: 0.375rem;
    padding: 0.375rem 0.5rem;
  }
  textarea {
    resize: vertical;
    font-weight: 400;
  }
  [aria-invalid='true'] {
    border-color: var(--staff-chat-danger);
  }
  fieldset {
    margin: 0.5rem 0 0;
    padding: 0;
    border: 0;
  }
  legend {
    padding: 0;
    margin-bottom: 0.25rem;
    font-weight: 600;
  }
  ol {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  li {
    display: flex;
    align-items: center;
    gap: 0.25rem;
    margin-bottom: 0.25rem;
  }
  .remove {
    flex: none;
    width: 1.75rem;
    height: 1.75rem;
    border-radius: 50%;
    font-size: 1.125rem;
    color: var(--staff-chat-muted);
  }
  .remove:hover {
    background: var(--staff-chat-hover);
  }
  .add {
    padding: 0.25rem 0.5rem;
    color: var(--staff-chat-accent-text);
    font-weight: 600;
  }
  .add[aria-disabled='true'] {
    opacity: 0.6;
    cursor: default;
  }
  .count {
    margin-inline-start: 0.5rem;
    font-size: 0.75rem;
    color: var(--staff-chat-muted);
  }
  .problem {
    margin: 0.375rem 0 0;
    color: var(--staff-chat-danger-text);
    font-size: 0.8125rem;
  }
  .problem:empty {
    display: none;
  }
  .actions {
    display: flex;
    justify-content: flex-end;
    gap: 0.5rem;
    margin-top: 0.5rem;
  }
  .cancel,
  .send {
    padding: 0.375rem 0.875rem;
    border-radius: 999px;
    font-weight: 600;
  }
  .cancel {
    border: 1px solid var(--staff-chat-border);
  }
  .send {
    background: var(--staff-chat-accent);
    color: var(--staff-chat-accent-fg);
  }
`;
