import { css, html, nothing } from 'lit';
import { msg } from '../../messages/ui.js';
import { REACTION_ORDER } from '../../state/message-changes.js';
import type { ChatMessage } from '../../state/session.js';
import type { BubbleContext } from '../internal-events.js';

/** What the bubble shows below its row: nothing, the actions menu, the emoji picker, or the delete confirmation. */
export type BubbleMode = '' | 'menu' | 'pick' | 'confirm' | 'edit';

/*
 * The parts of a bubble that change a message (edit, delete, reactions), as templates the bubble
 * renders with its own state, so the bubble's file stays about showing a message.
 */

/** The reaction chips: each shows its count, names who reacted in its tooltip, and toggles the viewer's own. */
export function reactionChips(m: ChatMessage, context: BubbleContext | undefined) {
  const reactions = m.reactions ?? [];
  if (reactions.length === 0 || m.is_deleted) return nothing;
  return html`<div class="chips" part="reactions">
    ${reactions.map((r) => {
      const names = r.staff_ids.map((id) => (id === context?.meId ? msg.you : context?.nameOf(id) ?? id)).join(', ');
      return html`<button
        type="button"
        class="chip"
        aria-pressed=${r.staff_ids.includes(context?.meId ?? '') ? 'true' : 'false'}
        aria-label=${msg.reactionLabel(r.emoji, r.count, names)}
        title=${names}
        @click=${() => context?.react(m.id, r.emoji)}
      >${r.emoji} ${r.count}</button>`;
    })}
  </div>`;
}

/** The buttons beside the bubble that open the picker and (own messages) the menu. */
export function actionButtons(mine: boolean, mode: BubbleMode, setMode: (mode: BubbleMode) => void) {
  const toggle = (target: BubbleMode) => () => setMode(mode === target ? '' : target);
  return html`<button class="act" type="button" aria-label=${msg.addReaction} title=${msg.addReaction} aria-expanded=${mode === 'pick' ? 'true' : 'false'} @click=${toggle('pick')}>☺</button>
    ${mine
      ? html`<button class="act" type="button" aria-label=${msg.messageActions} title=${msg.messageActions} aria-expanded=${mode === 'menu' ? 'true' : 'false'} @click=${toggle('menu')}>⋯</button>`
      : nothing}`;
}

/** The row under the bubble for the open mode. Escape closes it. */
export function actionPanel(m: ChatMessage, mode: BubbleMode, context: BubbleContext | undefined, setMode: (mode: BubbleMode) => void) {
  const close = () => setMode('');
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close();
    }
  };
  if (mode === 'pick') {
    return html`<div class="panel" role="group" aria-label=${msg.addReaction} @keydown=${onKey}>
      ${REACTION_ORDER.map(
        (emoji) => html`<button type="button" class="chip" aria-label=${msg.reactWith(emoji)} @click=${() => (context?.react(m.id, emoji), close())}>${emoji}</button>`,
      )}
    </div>`;
  }
  if (mode === 'menu') {
    return html`<div class="panel" role="group" aria-label=${msg.messageActions} @keydown=${onKey}>
      <button type="button" @click=${() => setMode('edit')}>${msg.edit}</button>
      <button type="button" @click=${() => setMode('confirm')}>${msg.delete}</button>
    </div>`;
  }
  if (mode === 'confirm') {
    return html`<div class="panel" role="alertdialog" aria-label=${msg.deleteConfirm} @keydown=${onKey}>
      <span>${msg.deleteConfirm}</span>
      <button type="button" class="danger" @click=${() => (context?.remove(m.id), close())}>${msg.delete}</button>
      <button type="button" @click=${close}>${msg.cancel}</button>
    </div>`;
  }
  return nothing;
}

/** The text field that replaces the text while editing: Enter saves, Shift+Enter breaks the line, Escape cancels. */
export function editField(m: ChatMessage, save: () => void, cancel: () => void) {
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      cancel();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      save();
    }
  };
  return html`<textarea class="edit" part="edit" dir="auto" aria-label=${msg.editMessage} rows="2" .value=${m.message} @keydown=${onKey}></textarea>
    <div class="panel">
      <button type="button" @click=${save}>${msg.save}</button>
      <button type="button" @click=${cancel}>${msg.cancel}</button>
    </div>`;
}

export const actionStyles = css`
  .act {
    padding: 0.25rem 0.375rem;
    border-radius: 50%;
    color: var(--staff-chat-muted);
    opacity: 0;
  }
  :host(:hover) .act,
  .act:focus-visible,
  .act[aria-expanded='true'] {
    opacity: 1;
  }
  .chips,
  .panel {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin-block-start: 0.25rem;
    font-size: 0.8125rem;
  }
  :host([mine]) .chips,
  :host([mine]) .panel {
    justify-content: flex-end;
  }
  .chip,
  .panel button {
    padding: 0.125rem 0.5rem;
    border-radius: 1rem;
    background: var(--staff-chat-hover);
  }
  .chip[aria-pressed='true'] {
    box-shadow: inset 0 0 0 1px var(--staff-chat-accent-text);
  }
  .danger {
    color: var(--staff-chat-danger-text);
  }
  .edit {
    width: 100%;
    min-width: 12rem;
    font: inherit;
    resize: vertical;
  }
  @media (hover: none) {
    .act {
      opacity: 1;
    }
  }
`;
