import { html, svg, type TemplateResult } from 'lit';

/*
 * A department channel's avatar: a group of people instead of initials, so the channel reads as the
 * whole department at a glance. Here rather than in icons.ts, which the entry script shares: this
 * loads only with the lazy chunk.
 */
const departmentIcon = svg`<svg viewBox="0 0 24 24" width="1.25em" height="1.25em" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><circle cx="9" cy="8" r="3.5"/><path d="M2.5 20a6.5 6.5 0 0 1 13 0"/><circle cx="17" cy="9" r="2.5"/><path d="M16.5 14.5a5 5 0 0 1 5 5.5"/></svg>`;

/** Decorative, as every avatar: the department's name is always written beside it. */
export function departmentAvatar(): TemplateResult {
  return html`<span class="presence"><span class="avatar department" part="avatar" aria-hidden="true">${departmentIcon}</span></span>`;
}
