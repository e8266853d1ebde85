import { LitElement, html, nothing } from 'lit';
import type { Attachment } from '../../../server/contract.js';
import { msg } from '../../messages/ui.js';
import { formatBytes } from '../../state/messages/uploads.js';
import { closeIcon, fileIcon } from '../icons.js';
import { sharedStyles } from '../shared.styles.js';
import { styles } from './attachments.styles.js';
import { resolveFileUrl } from './file-url.js';

/** The dialog's own Escape closes only the preview, not the window around it. */
const stopEscape = (event: KeyboardEvent) => event.key === 'Escape' && event.stopPropagation();

/**
 * A message's files: images as thumbnails (a click opens a larger preview, Escape closes it), every
 * other file as a chip with its name and size that downloads it. Names are bound as text only.
 *
 * @csspart thumbnail - An image's thumbnail button.
 * @csspart file - A file chip (a download link).
 * @csspart preview - The larger image preview dialog.
 */
export class StaffChatAttachments extends LitElement {
  static override styles = [sharedStyles, styles];
  static override properties = {
    attachments: { attribute: false },
    previewing: { state: true },
  };

  declare attachments: readonly Attachment[];
  /** The image shown in the preview dialog, or null. */
  declare previewing: Attachment | null;

  constructor() {
    super();
    this.attachments = [];
    this.previewing = null;
  }

  private url(attachment: Attachment, thumbnail = false): string | null {
    return resolveFileUrl((thumbnail && attachment.thumbnail_url) || attachment.file_url, this);
  }

  private async openPreview(attachment: Attachment): Promise<void> {
    this.previewing = attachment;
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  private closePreview(): void {
    this.renderRoot.querySelector('dialog')?.close();
  }

  private onDialogClose(): void {
    this.previewing = null;
  }

  private onDialogClick(event: MouseEvent): void {
    // A click on the backdrop lands on the dialog itself.
    if (event.target === event.currentTarget) this.closePreview();
  }

  private renderItem(attachment: Attachment) {
    const url = this.url(attachment);
    const size = formatBytes(attachment.file_size);
    if (attachment.file_type === 'image' && url) {
      return html`<li>
        <button class="thumb" part="thumbnail" type="button" title="${attachment.file_name} (${size})" @click=${() => this.openPreview(attachment)}>
          <img src=${this.url(attachment, true) ?? url} alt=${attachment.file_name} loading="lazy" decoding="async" />
        </button>
      </li>`;
    }
    return html`<li>
      ${
        url
          ? html`<a class="chip" part="file" href=${url} download=${attachment.file_name} target="_blank" rel="noopener noreferrer">
            ${fileIcon}<span class="name" dir="auto">${attachment.file_name}</span><span class="size">${size}</span>
          </a>`
          : html`<span class="chip" part="file">${fileIcon}<span class="name" dir="auto">${attachment.file_name}</span><span class="size">${size}</span></span>`
      }
    </li>`;
  }

  override render() {
    if (this.attachments.length === 0) return nothing;
    const shown = this.previewing;
    const shownUrl = shown ? this.url(shown) : null;
    return html`
      <ul aria-label=${msg.attachmentsLabel}>${this.attachments.map((attachment) => this.renderItem(attachment))}</ul>
      ${
        shown && shownUrl
          ? html`<dialog part="preview" aria-label=${shown.file_name} @close=${this.onDialogClose} @click=${this.onDialogClick} @keydown=${stopEscape}>
            <div class="preview-bar">
              <span dir="auto">${shown.file_name}</span>
              <a href=${shownUrl} download=${shown.file_name} target="_blank" rel="noopener noreferrer">${msg.download}</a>
              <button type="button" aria-label=${msg.closePreview} title=${msg.closePreview} @click=${this.closePreview}>${closeIcon}</button>
            </div>
            <img src=${shownUrl} alt=${shown.file_name} />
          </dialog>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat-attachments': StaffChatAttachments;
  }
}
