/** (internal) The handover form was sent: its summary and checklist, already checked against the limits. */
export class HandoverComposeEvent extends Event {
  readonly summary: string;
  readonly items: readonly string[];
  constructor(summary: string, items: readonly string[]) {
    super('handover-compose');
    this.summary = summary;
    this.items = items;
  }
}

/** (internal) The handover form was closed without sending. */
export class HandoverCancelEvent extends Event {
  constructor() {
    super('handover-cancel');
  }
}
