import type { Message } from '../../server/contract.js';

/*
 * Events the elements send to their parent inside the widget. They neither bubble nor cross shadow
 * roots (the parent listens on the child itself), so the host page never sees them; the public events
 * are in ../events.ts.
 */

/** A conversation was chosen in a list (or just started from the directory). */
export class ConversationSelectEvent extends Event {
  readonly conversationId: number;
  constructor(conversationId: number) {
    super('conversation-select');
    this.conversationId = conversationId;
  }
}

/** "Reply" was pressed on a message. */
export class ReplyEvent extends Event {
  readonly message: Message;
  constructor(message: Message) {
    super('reply');
    this.message = message;
  }
}

/** "Retry" was pressed on a message that failed to send. */
export class RetryEvent extends Event {
  readonly clientId: string;
  constructor(clientId: string) {
    super('retry');
    this.clientId = clientId;
  }
}

/** The composer's text is ready to go (the public, cancelable send event was not vetoed). */
export class ComposeEvent extends Event {
  readonly text: string;
  /** Sent as urgent: every recipient is asked to acknowledge it. */
  readonly requiresAcknowledgement: boolean;
  /** Who the text mentions: ids of the people and the departments chosen with `@` and still in it. */
  readonly mentioned: { mentions: string[]; departments: string[] };
  constructor(
    text: string,
    requiresAcknowledgement = false,
    mentioned: { mentions: string[]; departments: string[] } = { mentions: [], departments: [] },
  ) {
    super('compose');
    this.text = text;
    this.requiresAcknowledgement = requiresAcknowledgement;
    this.mentioned = mentioned;
  }
}

/** The quoted message inside a reply was pressed: show the original. */
export class QuoteOpenEvent extends Event {
  readonly messageId: number;
  constructor(messageId: number) {
    super('quote-open');
    this.messageId = messageId;
  }
}

/** The composer's draft changed as the person typed (not when a send cleared it). */
export class DraftChangeEvent extends Event {
  readonly text: string;
  constructor(text: string) {
    super('draft-change');
    this.text = text;
  }
}

/** A group's "Add people" picker was closed with its close button, nobody chosen. */
export class PickerCloseEvent extends Event {
  constructor() {
    super('picker-close');
  }
}

/** People were chosen to add to a group. */
export class PeoplePickEvent extends Event {
  readonly staffIds: string[];
  constructor(staffIds: string[]) {
    super('people-pick');
    this.staffIds = staffIds;
  }
}

/** A search result was chosen: show that message in its conversation. */
export class MessageOpenEvent extends Event {
  readonly conversationId: number;
  readonly messageId: number;
  constructor(conversationId: number, messageId: number) {
    super('message-open');
    this.conversationId = conversationId;
    this.messageId = messageId;
  }
}

/** Escape in an empty message search field: close the search. */
export class SearchCloseEvent extends Event {
  constructor() {
    super('search-close');
  }
}
