import { html } from 'lit';
import { msg } from '../../messages/ui.js';
import type { MentionCandidate } from './mention-query.js';

/** The listbox's id, in the composer's shadow root, where the field's `aria-controls` points. */
export const MENTION_LIST_ID = 'mention-list';

/** The id of the picker's entry `index`, for the field's `aria-activedescendant` (same shadow root). */
export function mentionOptionId(index: number): string {
  return `mention-option-${index}`;
}

/**
 * The `@` picker: a listbox whose options never take focus (the text field keeps it and points at the
 * highlighted one), so typing goes on while it is open. A press chooses without blurring the field.
 */
export function mentionListbox(matches: readonly MentionCandidate[], active: number, choose: (candidate: MentionCandidate) => void) {
  return html`<ul class="mentions" part="mention-picker" id=${MENTION_LIST_ID} role="listbox" aria-label=${msg.mentionPicker}>
    ${matches.map(
      (candidate, index) =>
        html`<li
          id=${mentionOptionId(index)}
          class="option ${index === active ? 'active' : ''}"
          role="option"
          aria-selected=${index === active ? 'true' : 'false'}
          @pointerdown=${(event: Event) => event.preventDefault()}
          @click=${() => choose(candidate)}
        >
          <span class="label" dir="auto">@${candidate.label}</span>
          ${
            candidate.kind === 'department'
              ? html`<span class="detail">${msg.mentionEveryoneIn(candidate.label)}</span>`
              : candidate.detail
                ? html`<span class="detail" dir="auto">${candidate.detail}</span>`
                : ''
          }
        </li>`,
    )}
  </ul>`;
}
