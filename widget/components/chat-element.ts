import { LitElement, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { $locale, $stringsVersion } from '../messages/locale.js';

/**
 * Renders its host again when the language or the portal's strings change (messages/locale.ts): an
 * element reads its strings from tables refilled in place, which no property of its says. Each element
 * follows the change itself, so one deep inside a shadow root, or one whose chunk came late, is never
 * left in the old language.
 */
class LocaleController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private unlisten: (() => void)[] = [];
  /** The locale and strings version of the last render, to catch a change made while detached. */
  private renderedLocale: string | undefined;
  private renderedVersion: number | undefined;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    const rerender = () => this.host.requestUpdate();
    // listen, not subscribe: the first value needs no second render.
    this.unlisten = [$locale.listen(rerender), $stringsVersion.listen(rerender)];
    if (this.renderedLocale !== $locale.get() || this.renderedVersion !== $stringsVersion.get()) rerender();
  }

  hostUpdate(): void {
    this.renderedLocale = $locale.get();
    this.renderedVersion = $stringsVersion.get();
  }

  hostDisconnected(): void {
    for (const unlisten of this.unlisten) unlisten();
    this.unlisten = [];
  }
}

/**
 * The base of every element of the widget, `<staff-chat>` included: a LitElement that renders again in
 * the new language when the locale changes. components/define-lazy.ts and define.ts register only
 * subclasses of it (their lists are typed so), so no element can forget to follow the language.
 */
export class ChatElement extends LitElement {
  // Private, so the type `typeof ChatElement` admits only subclasses, not any LitElement.
  private readonly localeController = new LocaleController(this);
}
