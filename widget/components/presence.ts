import { css, html, nothing, type TemplateResult } from 'lit';
import { msg } from '../messages/ui.js';
import type { TypingPerson } from '../state/session.js';
import { avatar } from './people.js';

/*
 * Who is online and who is typing, as the directory, the conversation list and the chat window show
 * it. Only these lazily loaded elements import this file, so the entry script does not carry it.
 */

/** The avatar, with a dot when the person is online. The dot is decorative: pair it with {@link onlineText}. */
export function avatarWithPresence(name: string, url: string | null | undefined, online: boolean): TemplateResult {
  return html`<span class="presence">${avatar(name, url)}${
    online ? html`<span class="presence-dot" part="presence-dot" title=${msg.online} aria-hidden="true"></span>` : nothing
  }</span>`;
}

/** The dot's text alternative, read after the person's name. */
export function onlineText(online: boolean): TemplateResult | typeof nothing {
  return online ? html`<span class="visually-hidden">${msg.onlineAfterName}</span>` : nothing;
}

/** "Anna is typing…", by first names, or "" when nobody is. */
export function typingText(people: readonly TypingPerson[] | undefined): string {
  return people && people.length > 0 ? msg.typing(people.map((p) => p.name.trim().split(/\s+/)[0] ?? p.name)) : '';
}

export const presenceStyles = css`
  .presence {
    position: relative;
    display: inline-flex;
    flex: none;
  }
  .presence-dot {
    position: absolute;
    inset-inline-end: -1px;
    inset-block-end: -1px;
    width: 0.75rem;
    height: 0.75rem;
    border-radius: 50%;
    background: var(--staff-chat-online, var(--staff-chat-success, #16a34a));
    box-shadow: 0 0 0 2px var(--staff-chat-bg, #fff);
  }
  .typing {
    font-style: italic;
    color: var(--staff-chat-accent-text);
  }
`;
