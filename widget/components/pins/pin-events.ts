/*
 * Internal events of the pinned bar and the conversation menu, to the chat window around them. Like
 * ../internal-events.ts they neither bubble nor cross shadow roots; here so the entry never carries them.
 */

/** A pin was chosen: show its message in the conversation. */
export class PinOpenEvent extends Event {
  readonly messageId: number;
  constructor(messageId: number) {
    super('pin-open');
    this.messageId = messageId;
  }
}

/** Something failed that the window should say in words (a refused removal, the pin limit). */
export class NoticeEvent extends Event {
  readonly text: string;
  constructor(text: string) {
    super('notice');
    this.text = text;
  }
}
