import { css, html, nothing } from 'lit';
import { msg } from '../../messages/ui.js';
import { gearIcon } from '../icons.js';
import type { NotificationSettings } from '../../state/session.js';
import type { ElementSession } from '../session-context.js';

/**
 * The panel's small settings menu: desktop notifications and sound while the page is hidden. Turning
 * desktop notifications on asks the browser for permission from this click; if the browser refuses,
 * the box stays off and says why.
 */
export function alertSettingsMenu(session: ElementSession, settings: NotificationSettings, open: boolean, toggle: () => void) {
  const blocked = (globalThis.Notification as typeof Notification | undefined)?.permission === 'denied';
  const change = (key: keyof NotificationSettings) => (event: Event) =>
    void session.configureAlerts({ [key]: (event.target as HTMLInputElement).checked });
  // Escape closes only the menu, not the panel around it, and gives focus back to the gear that opened it.
  const onMenuKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    const gear = (event.currentTarget as Element).previousElementSibling as HTMLElement | null;
    toggle();
    gear?.focus();
  };
  return html`<button class="settings" type="button" aria-label=${msg.settings} title=${msg.settings} aria-expanded=${open ? 'true' : 'false'} @click=${toggle}>${gearIcon}</button>
    ${
      open
        ? html`<div class="menu" role="group" aria-label=${msg.settings} @keydown=${onMenuKey}>
          <label><input type="checkbox" .checked=${settings.desktop} @change=${change('desktop')} /> ${msg.desktopAlerts}</label>
          <label><input type="checkbox" .checked=${settings.sound} @change=${change('sound')} /> ${msg.soundAlerts}</label>
          ${blocked ? html`<small>${msg.alertsBlocked}</small>` : nothing}
        </div>`
        : nothing
    }`;
}

export const alertSettingsStyles = css`
  .settings {
    padding: 0.375rem;
    border-radius: 50%;
    font-size: 1.125rem;
    color: var(--staff-chat-muted);
  }
  .settings:hover {
    background: var(--staff-chat-hover);
  }
  .menu {
    position: absolute;
    inset-inline-end: 0.5rem;
    inset-block-start: 100%;
    z-index: 1;
    display: grid;
    gap: 0.375rem;
    max-width: 16rem;
    padding: 0.625rem 0.75rem;
    border: 1px solid var(--staff-chat-border);
    border-radius: 0.5rem;
    background: var(--staff-chat-bg);
    color: var(--staff-chat-fg);
    font-size: 0.8125rem;
    font-weight: normal;
  }
`;
