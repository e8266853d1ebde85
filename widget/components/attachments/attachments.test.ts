import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Attachment } from '../../../contract/index.js';
import '../define-lazy.js';
import type { StaffChatAttachments } from './attachments.js';

const photo: Attachment = {
  id: 1,
  file_name: 'lobby.png',
  file_type: 'image',
  file_size: 2048,
  mime_type: 'image/png',
  file_url: '/api/staff_chat/grand/attachments/1/file?exp=1&sig=a',
  thumbnail_url: '/api/staff_chat/grand/attachments/1/file?exp=1&sig=a',
};
const pdf: Attachment = {
  id: 2,
  file_name: 'Checklist <b>.pdf',
  file_type: 'pdf',
  file_size: 1_572_864,
  mime_type: 'application/pdf',
  file_url: '/api/staff_chat/grand/attachments/2/file?exp=1&sig=b',
};

describe('<staff-chat-attachments>', () => {
  it('renders images as thumbnails and other files as chips with name and size', async () => {
    const el = await fixture<StaffChatAttachments>(html`<staff-chat-attachments .attachments=${[photo, pdf]}></staff-chat-attachments>`);
    const thumb = el.shadowRoot!.querySelector<HTMLButtonElement>('button.thumb')!;
    expect(thumb.querySelector('img')!.getAttribute('alt')).to.equal('lobby.png');
    expect(new URL(thumb.querySelector('img')!.src).pathname).to.equal('/api/staff_chat/grand/attachments/1/file');
    const chip = el.shadowRoot!.querySelector<HTMLAnchorElement>('a.chip')!;
    expect(chip.querySelector('.name')!.textContent).to.equal('Checklist <b>.pdf');
    expect(chip.querySelector('b')).to.be.null;
    expect(chip.querySelector('.size')!.textContent).to.equal('1.5 MB');
    expect(chip.getAttribute('download')).to.equal('Checklist <b>.pdf');
    expect(new URL(chip.href).search).to.equal('?exp=1&sig=b');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('resolves file URLs against the api-base of its <staff-chat>, and refuses unsafe ones', async () => {
    // <staff-chat> is not defined in this page (define.ts is not loaded), so it is a plain host here.
    const chat = document.createElement('staff-chat');
    chat.setAttribute('api-base', 'https://chat.example.com/api');
    const evil: Attachment = { ...pdf, id: 3, file_name: 'evil.pdf', file_url: 'javascript:alert(1)' };
    const el = document.createElement('staff-chat-attachments');
    el.attachments = [pdf, evil];
    chat.attachShadow({ mode: 'open' }).append(el);
    document.body.append(chat);
    await el.updateComplete;
    const links = [...el.shadowRoot!.querySelectorAll('a')].map((a) => a.href);
    expect(links).to.deep.equal(['https://chat.example.com/api/staff_chat/grand/attachments/2/file?exp=1&sig=b']);
    expect(el.shadowRoot!.textContent).to.contain('evil.pdf');
    chat.remove();
  });

  it('a thumbnail opens a larger preview; Escape closes it', async () => {
    const el = await fixture<StaffChatAttachments>(html`<staff-chat-attachments .attachments=${[photo]}></staff-chat-attachments>`);
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.thumb')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('dialog')?.open, 'the preview opens');
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    expect(dialog.getAttribute('aria-label')).to.equal('lobby.png');
    expect(new URL(dialog.querySelector('img')!.src).pathname).to.equal('/api/staff_chat/grand/attachments/1/file');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !el.shadowRoot!.querySelector('dialog'), 'Escape closes the preview');
  });
});
