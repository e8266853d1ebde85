import { css, html, nothing } from 'lit';
import { REACTION_EMOJIS } from '../../../contract/index.js';
import { msg } from '../../messages/ui.js';
import type { ChatMessage } from '../../state/session.js';
import { moreIcon, smileIcon } from '../icons.js';
import type { BubbleContext } from './bubble-context.js';

/**
 * What the bubble has open: nothing, the actions menu, the emoji picker, the delete confirmation or
 * that of deleting one file (its attachment id) (popovers), or editing.
 */
export type BubbleMode = '' | 'menu' | 'pick' | 'confirm' | 'edit' | `confirm-file:${number}`;

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
      const names = r.staff_ids.map((id) => (id === context?.meId ? msg.you : (context?.nameOf(id) ?? id))).join(', ');
      return html`<button
        type="button"
        class="chip"
        aria-pressed=${r.staff_ids.includes(context?.meId ?? '') ? 'true' : 'false'}
        aria-label=${msg.reactionLabel(r.emoji, r.count, names)}
        title=${names}
        @click=${() => context?.react(m.id, r.emoji)}
      ><span class="emoji">${r.emoji}</span> ${r.count}</button>`;
    })}
  </div>`;
}

/** The buttons beside the bubble that open the picker and the menu (pin for everyone; edit and delete for one's own). */
export function actionButtons(mode: BubbleMode, setMode: (mode: BubbleMode) => void) {
  const toggle = (target: BubbleMode) => () => setMode(mode === target ? '' : target);
  return html`<button class="act" type="button" aria-label=${msg.addReaction} title=${msg.addReaction} aria-expanded=${mode === 'pick' ? 'true' : 'false'} @click=${toggle('pick')}>${smileIcon}</button>
    <button class="act" type="button" aria-label=${msg.messageActions} title=${msg.messageActions} aria-expanded=${mode === 'menu' || mode.startsWith('confirm') ? 'true' : 'false'} @click=${toggle('menu')}>${moreIcon}</button>`;
}

/**
 * The open mode's popover (in the top layer, so it overlays the messages instead of pushing them down,
 * and no scrolling box clips it); the bubble places it beside its button. Escape, or a click elsewhere,
 * closes it.
 */
export function actionPanel(
  m: ChatMessage,
  mode: BubbleMode,
  context: BubbleContext | undefined,
  setMode: (mode: BubbleMode) => void,
  mine: boolean,
) {
  const close = () => setMode('');
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      // Only this popover closes, not the window or panel around it; focus goes back to its button.
      event.stopPropagation();
      const opener = ((event.currentTarget as HTMLElement).getRootNode() as ShadowRoot).querySelector<HTMLElement>(
        '.act[aria-expanded="true"]',
      );
      close();
      opener?.focus();
    }
  };
  const onToggle = (event: ToggleEvent) => {
    if (event.newState === 'closed') close();
  };
  const popover = (label: string, body: unknown, role = 'group') =>
    html`<div class="panel ${mode}" popover="auto" role=${role} aria-label=${label} @keydown=${onKey} @toggle=${onToggle}>${body}</div>`;
  if (mode === 'pick') {
    return popover(
      msg.addReaction,
      REACTION_EMOJIS.map(
        (emoji) =>
          html`<button type="button" class="emoji" aria-label=${msg.reactWith(emoji)} title=${msg.reactWith(emoji)} @click=${() => {
            context?.react(m.id, emoji);
            close();
          }}>${emoji}</button>`,
      ),
    );
  }
  if (mode === 'menu') {
    return popover(
      msg.messageActions,
      html`${pinButton(m, context, close)}
        ${
          mine
            ? html`<button type="button" @click=${() => setMode('edit')}>${msg.edit}</button>
              <button type="button" @click=${() => setMode('confirm')}>${msg.delete}</button>
              ${m.attachments.map((a) => html`<button type="button" class="delete-file" @click=${() => setMode(`confirm-file:${a.id}`)}>${msg.deleteFile(a.file_name)}</button>`)}`
            : nothing
        }`,
    );
  }
  if (mode === 'confirm') {
    return popover(
      msg.deleteConfirm,
      html`<span>${msg.deleteConfirm}</span>
        <button type="button" class="danger" @click=${() => {
          context?.remove(m.id);
          close();
        }}>${msg.delete}</button>
        <button type="button" @click=${close}>${msg.cancel}</button>`,
      'alertdialog',
    );
  }
  const file = mode.startsWith('confirm-file:') ? m.attachments.find((a) => `confirm-file:${a.id}` === mode) : undefined;
  if (file) {
    return popover(
      msg.deleteFileConfirm(file.file_name),
      html`<span dir="auto">${msg.deleteFileConfirm(file.file_name)}</span>
        <button type="button" class="danger" @click=${() => {
          context?.deleteAttachment(m.id, file.id);
          close();
        }}>${msg.delete}</button>
        <button type="button" @click=${close}>${msg.cancel}</button>`,
      'alertdialog',
    );
  }
  return nothing;
}

/** "Pin" or "Unpin", as the conversation's pins say now, and "Forward". */
function pinButton(m: ChatMessage, context: BubbleContext | undefined, close: () => void) {
  if (!context) return nothing;
  const pinned = context.isPinned(m.id);
  return html`<button type="button" class="pin" @click=${() => {
    context.setPinned(m.id, !pinned);
    close();
  }}>${pinned ? msg.unpin : msg.pin}</button>
    <button type="button" class="forward" @click=${() => {
      close();
      context.forward(m.id);
    }}>${msg.forward}</button>`;
}

/** Puts an open popover beside `anchor`: above it if there is room, else below; inside the viewport. */
export function placePopover(popover: HTMLElement, anchor: HTMLElement): void {
  if (!popover.matches(':popover-open')) popover.showPopover();
  const a = anchor.getBoundingClientRect();
  const p = popover.getBoundingClientRect();
  const gap = 4;
  const top = a.top - p.height - gap >= 0 ? a.top - p.height - gap : Math.min(a.bottom + gap, innerHeight - p.height);
  const left = Math.min(Math.max(gap, a.left + a.width / 2 - p.width / 2), innerWidth - p.width - gap);
  popover.style.top = `${Math.max(0, top)}px`;
  popover.style.left = `${Math.max(0, left)}px`;
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
    <div class="edit-actions">
      <button type="button" class="save" @click=${save}>${msg.save}</button>
      <button type="button" @click=${cancel}>${msg.cancel}</button>
    </div>`;
}

export const actionStyles = css`
  .act {
    padding: 0.375rem;
    border-radius: 50%;
    color: var(--staff-chat-muted);
    opacity: 0;
  }
  .act:hover {
    background: var(--staff-chat-hover);
  }
  :host(:hover) .act,
  .act:focus-visible,
  .act[aria-expanded='true'] {
    opacity: 1;
  }
  .chips,
  .edit-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin-block-start: 0.25rem;
    font-size: 0.8125rem;
  }
  :host([mine]) .chips,
  .edit-actions {
    justify-content: flex-end;
  }
  /* Chips and buttons carry their own colours: inside one's own bubble they sit on the accent. */
  .chip,
  .panel button,
  .edit-actions button {
    padding: 0.125rem 0.5rem;
    border: 1px solid var(--staff-chat-border);
    border-radius: 1rem;
    background: var(--staff-chat-bg);
    color: var(--staff-chat-fg);
  }
  .chip[aria-pressed='true'] {
    border-color: var(--staff-chat-accent-text);
    background: var(--staff-chat-hover);
  }
  .emoji {
    font-family: 'Noto Color Emoji', 'Apple Color Emoji', 'Segoe UI Emoji', var(--staff-chat-font);
  }
  .panel {
    position: fixed;
    inset: auto;
    margin: 0;
    display: flex;
    align-items: center;
    gap: 0.375rem;
    max-width: calc(100vw - 0.5rem);
    padding: 0.375rem;
    border: 1px solid var(--staff-chat-border);
    border-radius: 0.75rem;
    background: var(--staff-chat-bg);
    color: var(--staff-chat-fg);
    box-shadow: var(--staff-chat-shadow);
    font: inherit;
    font-size: 0.8125rem;
  }
  /* Pin, Forward, Edit, Delete and a button per file: wrap rather than run off a phone's screen. */
  .panel.menu {
    flex-wrap: wrap;
    max-width: min(20rem, calc(100vw - 0.5rem));
  }
  .panel.pick {
    display: grid;
    grid-template-columns: repeat(5, auto);
    gap: 0.125rem;
  }
  .panel.pick button {
    padding: 0.25rem;
    border: 0;
    border-radius: 0.5rem;
    font-size: 1.25rem;
    line-height: 1;
  }
  .panel button:hover {
    background: var(--staff-chat-hover);
  }
  .panel:not(:popover-open) {
    display: none;
  }
  .danger {
    color: var(--staff-chat-danger-text);
  }
  .save {
    font-weight: 600;
  }
  .edit {
    display: block;
    width: 100%;
    min-width: 12rem;
    padding: 0.375rem 0.5rem;
    border: 1px solid var(--staff-chat-border);
    border-radius: 0.5rem;
    background: var(--staff-chat-bg);
    color: var(--staff-chat-fg);
    font: inherit;
    resize: vertical;
  }
  .edit:focus-visible {
    outline-offset: 0;
  }
  @media (hover: none) {
    .act {
      opacity: 1;
    }
  }
`;
