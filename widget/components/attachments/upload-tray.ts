import { LitElement, html, nothing } from 'lit';
import type { UploadItem } from '../../state/session.js';
import { msg } from '../../messages/ui.js';
import { formatBytes } from '../../state/messages/uploads.js';
import { AtomController } from '../atom-controller.js';
import { consumeSession } from '../consume-session.js';
import { closeIcon } from '../icons.js';
import type { ElementSession } from '../session-context.js';
import { sharedStyles } from '../shared.styles.js';
import { styles } from './upload-tray.styles.js';

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * The files on their way to one conversation, above its composer: name, size, a progress bar and a
 * cancel button each, or the sentence saying why a file was not sent (with a button to clear it).
 *
 * It also makes the whole chat window a drop target: it listens for file drags on the shadow root it
 * sits in, so the window itself needs no drag-and-drop code, and shows a "Drop files" target while a
 * file is dragged over it.
 *
 * @csspart upload - One file's row.
 */
export class StaffChatUploadTray extends LitElement {
  static override styles = [sharedStyles, styles];
  static override properties = {
    session: { state: true },
    conversationId: { type: Number, attribute: 'conversation-id' },
    dragging: { state: true },
  };

  /** From the <staff-chat> around it. */
  declare private session: ElementSession | null;
  declare conversationId: number;
  declare dragging: boolean;

  private readonly sessionConsumer = consumeSession(this, (session) => (this.session = session));
  private readonly uploads = new AtomController<UploadItem[]>(this, () => this.session?.$uploads, []);
  private dropZone: Node | null = null;
  private dragDepth = 0;

  constructor() {
    super();
    this.session = null;
    this.conversationId = 0;
    this.dragging = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.dropZone = this.getRootNode();
    this.dropZone.addEventListener('dragenter', this.onDragEnter as EventListener);
    this.dropZone.addEventListener('dragover', this.onDragOver as EventListener);
    this.dropZone.addEventListener('dragleave', this.onDragLeave as EventListener);
    this.dropZone.addEventListener('drop', this.onDrop as EventListener);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.dropZone?.removeEventListener('dragenter', this.onDragEnter as EventListener);
    this.dropZone?.removeEventListener('dragover', this.onDragOver as EventListener);
    this.dropZone?.removeEventListener('dragleave', this.onDragLeave as EventListener);
    this.dropZone?.removeEventListener('drop', this.onDrop as EventListener);
    this.dropZone = null;
  }

  /** Sends files to this tray's conversation (the composer's picker and paste end here too). */
  send(files: readonly File[]): void {
    if (files.length > 0 && this.conversationId) this.session?.uploadFiles(this.conversationId, files);
  }

  private readonly onDragEnter = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    this.dragDepth++;
    this.dragging = true;
  };

  private readonly onDragOver = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    // Without this the browser would open the file in place of the portal page.
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };

  private readonly onDragLeave = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    // dragleave fires for every child left; only leaving the last one ends the drag.
    this.dragDepth = Math.max(0, this.dragDepth - 1);
    if (this.dragDepth === 0) this.dragging = false;
  };

  private readonly onDrop = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    this.dragDepth = 0;
    this.dragging = false;
    this.send([...(event.dataTransfer?.files ?? [])]);
  };

  private renderRow(item: UploadItem) {
    const failed = item.status === 'failed';
    const label = failed ? msg.clearUpload(item.name) : msg.cancelUpload(item.name);
    return html`<li part="upload" data-status=${item.status}>
      <span class="name" dir="auto">${item.name}</span>
      <span class="size">${formatBytes(item.size)}</span>
      <button type="button" aria-label=${label} title=${label} @click=${() => this.session?.cancelUpload(item.key)}>${closeIcon}</button>
      ${
        failed
          ? html`<span class="error" role="alert">${item.error}</span>`
          : html`<progress max="1" .value=${item.progress} aria-label=${msg.uploading(item.name)}></progress>`
      }
    </li>`;
  }

  override render() {
    const rows = this.uploads.value.filter((item) => item.conversationId === this.conversationId);
    return html`
      ${rows.length > 0 ? html`<ul aria-label=${msg.uploadsLabel}>${rows.map((item) => this.renderRow(item))}</ul>` : nothing}
      ${this.dragging ? html`<div class="drop" aria-hidden="true">${msg.dropFiles}</div>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat-upload-tray': StaffChatUploadTray;
  }
}
