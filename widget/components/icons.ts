import { nothing, svg } from 'lit';

/*
 * The few icons the widget draws, inline so the drop-in script needs no other request. All are
 * decorative: the control around each one carries the label.
 */
const icon = (body: ReturnType<typeof svg>, mirrored = false) =>
  svg`<svg class=${mirrored ? 'mirrored' : nothing} viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;

export const chatIcon = icon(svg`<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"/>`);
export const closeIcon = icon(svg`<path d="M6 6l12 12M18 6L6 18"/>`);
// Arrows that point along the reading direction: mirrored right to left (shared.styles.ts).
export const sendIcon = icon(svg`<path d="M4 12l16-8-6 16-2.5-6.5z"/><path d="M11.5 13.5L20 4"/>`, true);
export const replyIcon = icon(svg`<path d="M9 7L4 12l5 5"/><path d="M4 12h10a6 6 0 0 1 6 6v1"/>`, true);
export const clockIcon = icon(svg`<circle cx="12" cy="12" r="8"/><path d="M12 8v4l3 2"/>`);
export const alertIcon = icon(svg`<circle cx="12" cy="12" r="9"/><path d="M12 7v6M12 16.5v.5"/>`);
export const searchIcon = icon(svg`<circle cx="11" cy="11" r="6.5"/><path d="M20 20l-4.2-4.2"/>`);
export const smileIcon = icon(svg`<circle cx="12" cy="12" r="9"/><path d="M8.5 14a4 4 0 0 0 7 0M9 9.5v.5M15 9.5v.5"/>`);
export const moreIcon = icon(svg`<path d="M5 12h.01M12 12h.01M19 12h.01" stroke-width="3"/>`);
export const gearIcon = icon(
  svg`<circle cx="12" cy="12" r="3"/><path d="M12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1L7 17M17 7l2.1-2.1"/><circle cx="12" cy="12" r="7"/>`,
);
export const fileIcon = icon(svg`<path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z"/><path d="M14 3v5h5"/>`);
export const personPlusIcon = icon(svg`<circle cx="9" cy="8" r="4"/><path d="M2 21a7 7 0 0 1 14 0"/><path d="M19 8v6M16 11h6"/>`);
