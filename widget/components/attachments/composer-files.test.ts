import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../define-lazy.js';
import type { StaffChatComposer } from '../composer/composer.js';
import type { FilesPickEvent } from './files-pick-event.js';

describe('<staff-chat-composer> files', () => {
  it('has an "Attach files" button whose picker accepts the allowed types, and reports chosen files', async () => {
    const el = await fixture<StaffChatComposer>(
      html`<staff-chat-composer conversation-id="7" accept="image/png,application/pdf"></staff-chat-composer>`,
    );
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part=attach-button]')!;
    expect(button.getAttribute('aria-label')).to.equal('Attach files');
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=file]')!;
    expect(input.accept).to.equal('image/png,application/pdf');
    expect(input.multiple).to.be.true;

    const transfer = new DataTransfer();
    transfer.items.add(new File(['x'], 'a.png', { type: 'image/png' }));
    input.files = transfer.files;
    const picked = oneEvent<FilesPickEvent>(el, 'files-pick');
    input.dispatchEvent(new Event('change'));
    expect((await picked).files.map((file) => file.name)).to.deep.equal(['a.png']);
    expect(input.value).to.equal('');
  });

  it('a pasted file is sent as a file, pasted text stays text', async () => {
    const el = await fixture<StaffChatComposer>(html`<staff-chat-composer conversation-id="7"></staff-chat-composer>`);
    const textarea = el.shadowRoot!.querySelector('textarea')!;
    const withFile = new DataTransfer();
    withFile.items.add(new File(['png'], 'screenshot.png', { type: 'image/png' }));
    const picked = oneEvent<FilesPickEvent>(el, 'files-pick');
    const paste = new ClipboardEvent('paste', { clipboardData: withFile, cancelable: true });
    textarea.dispatchEvent(paste);
    expect((await picked).files.map((file) => file.name)).to.deep.equal(['screenshot.png']);
    expect(paste.defaultPrevented).to.be.true;

    const withText = new DataTransfer();
    withText.setData('text/plain', 'hello');
    const textPaste = new ClipboardEvent('paste', { clipboardData: withText, cancelable: true });
    textarea.dispatchEvent(textPaste);
    expect(textPaste.defaultPrevented).to.be.false;
  });
});
