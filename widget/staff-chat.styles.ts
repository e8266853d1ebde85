import { css } from 'lit';

/**
 * The design tokens live here, on <staff-chat>'s :host, and every inner element inherits them. A host
 * page overrides any of them on the element (its rules beat :host rules), e.g.
 * `staff-chat { --staff-chat-accent: #0f766e }`.
 */
export const styles = css`
  :host {
    all: initial;
    display: block;
    /* theme="auto" (the default) follows the OS; light-dark() below picks by this. */
    color-scheme: light dark;
    --staff-chat-font: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif, 'Noto Color Emoji',
      'Apple Color Emoji', 'Segoe UI Emoji';
    --staff-chat-font-size: 14px;
    --staff-chat-bg: light-dark(#fff, #18181b);
    --staff-chat-fg: light-dark(#111827, #f4f4f5);
    --staff-chat-muted: light-dark(#4b5563, #a1a1aa);
    --staff-chat-border: light-dark(#e5e7eb, #3f3f46);
    --staff-chat-hover: light-dark(#f1f5f9, #27272a);
    --staff-chat-input-bg: light-dark(#f8fafc, #27272a);
    --staff-chat-accent: #2563eb;
    /* Black or white, whichever reads better on the accent: CIE L* 49.5 is where both contrast equally. */
    --staff-chat-accent-fg: lch(from var(--staff-chat-accent) clamp(0, (49.5 - l) * 1000, 100) 0 0);
    /* The accent as text or lines on the background: darkened (light) or lightened (dark) until it reads. */
    --staff-chat-accent-text: light-dark(
      lch(from var(--staff-chat-accent) min(l, 38) min(c, 90) h),
      lch(from var(--staff-chat-accent) max(l, 75) min(c, 35) h)
    );
    --staff-chat-header-bg: var(--staff-chat-accent);
    --staff-chat-header-fg: var(--staff-chat-accent-fg);
    --staff-chat-bubble-mine-bg: var(--staff-chat-accent);
    --staff-chat-bubble-mine-fg: var(--staff-chat-accent-fg);
    --staff-chat-bubble-theirs-bg: light-dark(#eef1f5, #2e2e33);
    --staff-chat-bubble-theirs-fg: var(--staff-chat-fg);
    --staff-chat-bubble-radius: 1rem;
    --staff-chat-radius: 1rem;
    --staff-chat-shadow: 0 12px 32px light-dark(rgb(15 23 42 / 0.18), rgb(0 0 0 / 0.5)),
      0 2px 6px light-dark(rgb(15 23 42 / 0.08), rgb(0 0 0 / 0.3));
    --staff-chat-success: #16a34a;
    --staff-chat-warning: #d97706;
    --staff-chat-danger: #dc2626;
    --staff-chat-danger-text: light-dark(#b91c1c, #fca5a5);
    --staff-chat-badge-bg: #dc2626;
    --staff-chat-badge-fg: #fff;
    --staff-chat-avatar-bg: light-dark(
      color-mix(in oklab, var(--staff-chat-accent) 20%, #fff),
      color-mix(in oklab, var(--staff-chat-accent) 30%, #18181b)
    );
    --staff-chat-avatar-fg: var(--staff-chat-accent-text);
    --staff-chat-focus-ring: var(--staff-chat-accent-text);
    --staff-chat-launcher-size: 3.5rem;
    --staff-chat-panel-width: 22rem;
    --staff-chat-window-width: 21rem;
    --staff-chat-window-height: 30rem;
    --staff-chat-offset: 1.25rem;
    --staff-chat-z-index: 2147483000;
    font-family: var(--staff-chat-font);
    font-size: var(--staff-chat-font-size);
    line-height: 1.4;
    color: var(--staff-chat-fg);
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }

  /* Launcher layout: everything docks to the bottom corner, windows side by side. */
  .dock {
    position: fixed;
    z-index: var(--staff-chat-z-index);
    inset-block-end: var(--staff-chat-offset);
    inset-inline-end: var(--staff-chat-offset);
    display: flex;
    flex-direction: row-reverse;
    align-items: flex-end;
    gap: 0.75rem;
    max-width: calc(100vw - 2 * var(--staff-chat-offset));
  }
  .stack {
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 0.75rem;
  }
  .card {
    display: flex;
    flex-direction: column;
    overflow: hidden;
    background: var(--staff-chat-bg);
    color: var(--staff-chat-fg);
    border: 1px solid var(--staff-chat-border);
    border-radius: var(--staff-chat-radius);
    box-shadow: var(--staff-chat-shadow);
  }
  .panel {
    width: var(--staff-chat-panel-width);
    height: min(34rem, calc(100vh - var(--staff-chat-launcher-size) - 3 * var(--staff-chat-offset)));
  }
  .dock staff-chat-chat-window {
    width: var(--staff-chat-window-width);
    height: min(var(--staff-chat-window-height), calc(100vh - 2 * var(--staff-chat-offset)));
  }

  .empty {
    margin: auto;
    padding: 2rem 1.5rem;
    text-align: center;
    color: var(--staff-chat-muted);
  }

  /* Inline layout: fills its container, list on the start side, one conversation beside it. */
  :host([layout='inline']) {
    height: 100%;
    min-height: 24rem;
  }
  .inline {
    display: flex;
    /* .card stacks its children; the inline layout puts the list beside the conversation. */
    flex-direction: row;
    height: 100%;
    border-radius: var(--staff-chat-radius);
  }
  .inline .sidebar {
    width: min(var(--staff-chat-panel-width), 40%);
    border-inline-end: 1px solid var(--staff-chat-border);
  }
  .inline .main {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
  }
  .inline staff-chat-chat-window {
    flex: 1;
  }

  @media (max-width: 40rem) {
    .dock .panel,
    .dock staff-chat-chat-window {
      position: fixed;
      inset: 0;
      width: auto;
      height: auto;
      border-radius: 0;
    }
    .dock staff-chat-chat-window:not(:last-of-type) {
      display: none;
    }
    .inline .sidebar {
      width: 100%;
    }
    .inline.has-open .sidebar,
    .inline:not(.has-open) .main {
      display: none;
    }
  }
`;
