import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { atom } from 'nanostores';
import type { ChatConfig, Message } from '../../../server/contract.js';
import { ApiClient } from '../../api/client.js';
import '../../define.js';
import type { ChatSession } from '../../state/session.js';
import { createUploads, type UploadItem } from '../../state/messages/uploads.js';
import '../define-lazy.js';
import { chatMessage } from '../../testing/fake-session.js';
import { provideSession, sessionFixture } from '../../testing/session-provider.js';
import { FakeXhr } from './fake-xhr.js';
import type { StaffChatUploadTray } from './upload-tray.js';

const limits: ChatConfig['limits'] = {
  message_max_length: 4000,
  page_size_max: 100,
  upload_max_bytes: 1000,
  upload_max_files: 3,
  upload_types: ['image/png', 'application/pdf'],
};

/**
 * The real upload state and API client (XMLHttpRequest faked at the network boundary) behind a
 * session shaped just enough for the tray.
 */
function uploadSession() {
  const $uploads = atom<UploadItem[]>([]);
  const stored: Message[] = [];
  const api = new ApiClient({ apiBase: '/api', hotel: 'grand', tokenProvider: async () => 'token-1', socketId: () => '1.2' });
  const uploads = createUploads({ $uploads, api, limits: () => limits, log: () => {}, onStored: (_id, message) => stored.push(message) });
  const session = { $uploads, uploadFiles: uploads.add, cancelUpload: uploads.cancel } as unknown as ChatSession;
  return { session, stored };
}

const rows = (el: StaffChatUploadTray) => [...el.shadowRoot!.querySelectorAll('li')];
const png = (name: string, size: number) => new File([new Uint8Array(size)], name, { type: 'image/png' });

describe('<staff-chat-upload-tray>', () => {
  let restore: () => void;
  beforeEach(() => {
    restore = FakeXhr.install();
  });
  afterEach(() => restore());

  it('shows each file with a progress bar that follows the upload, and clears it once stored', async () => {
    const { session, stored } = uploadSession();
    const el = await sessionFixture<StaffChatUploadTray>(
      session,
      html`<staff-chat-upload-tray conversation-id="7"></staff-chat-upload-tray>`,
    );
    el.send([png('lobby.png', 600), new File(['%PDF-1.4'], 'plan.pdf', { type: 'application/pdf' })]);
    await waitUntil(() => FakeXhr.requests.length === 2, 'both files are sent, each in its own request');

    const [first] = FakeXhr.requests;
    expect(first!.method).to.equal('POST');
    expect(first!.url).to.equal('/api/staff_chat/grand/conversations/7/upload/');
    expect(first!.headers.Authorization).to.equal('Bearer token-1');
    expect(first!.headers['X-Socket-Id']).to.equal('1.2');
    expect((first!.body!.get('files') as File).name).to.equal('lobby.png');
    expect(first!.body!.get('client_id')).to.match(/^up_[0-9a-f]{24}$/);

    await el.updateComplete;
    expect(rows(el).map((row) => row.querySelector('.name')!.textContent)).to.deep.equal(['lobby.png', 'plan.pdf']);
    expect(rows(el)[0]!.querySelector('.size')!.textContent).to.equal('600 bytes');
    const bar = () => rows(el)[0]!.querySelector('progress')!;
    expect(bar().value).to.equal(0);

    first!.progress(300, 1200);
    await el.updateComplete;
    expect(bar().value).to.equal(0.25);
    first!.progress(1200, 1200);
    await el.updateComplete;
    expect(bar().value).to.equal(1);

    const message = chatMessage(41, '', { conversation_id: 7, client_id: first!.body!.get('client_id') as string });
    first!.respond(201, message);
    await waitUntil(() => rows(el).length === 1, 'the stored file leaves the tray');
    expect(stored.map((m) => m.id)).to.deep.equal([41]);
    expect(rows(el)[0]!.querySelector('.name')!.textContent).to.equal('plan.pdf');
  });

  it('cancel aborts the request and removes the row; nothing is stored', async () => {
    const { session, stored } = uploadSession();
    const el = await sessionFixture<StaffChatUploadTray>(
      session,
      html`<staff-chat-upload-tray conversation-id="7"></staff-chat-upload-tray>`,
    );
    el.send([png('big.png', 900)]);
    await waitUntil(() => FakeXhr.requests.length === 1);
    FakeXhr.requests[0]!.progress(100, 1000);
    await el.updateComplete;

    const cancel = rows(el)[0]!.querySelector('button')!;
    expect(cancel.getAttribute('aria-label')).to.equal('Cancel upload of big.png');
    cancel.click();
    await el.updateComplete;
    expect(FakeXhr.requests[0]!.aborted).to.be.true;
    expect(rows(el)).to.have.length(0);
    expect(stored).to.have.length(0);
  });

  it('a file over the limit or of a refused type gets a clear sentence and is never sent', async () => {
    const { session } = uploadSession();
    const el = await sessionFixture<StaffChatUploadTray>(
      session,
      html`<staff-chat-upload-tray conversation-id="7"></staff-chat-upload-tray>`,
    );
    el.send([png('huge.png', 5000), new File(['MZ'], 'tool.exe', { type: 'application/x-msdownload' })]);
    await el.updateComplete;
    const errors = [...el.shadowRoot!.querySelectorAll('[role=alert]')].map((node) => node.textContent);
    expect(errors).to.deep.equal([
      'huge.png is 5 KB; files can be at most 1000 bytes.',
      'tool.exe cannot be sent: only images (PNG, JPEG, GIF, WebP), PDFs and text files can.',
    ]);
    expect(FakeXhr.requests).to.have.length(0);
  });

  it("shows the server's own sentence when it refuses a file (a disguised type)", async () => {
    const { session } = uploadSession();
    const el = await sessionFixture<StaffChatUploadTray>(
      session,
      html`<staff-chat-upload-tray conversation-id="7"></staff-chat-upload-tray>`,
    );
    el.send([png('cat.png', 20)]);
    await waitUntil(() => FakeXhr.requests.length === 1);
    const sentence = 'cat.png cannot be sent: it is text/plain by its content, but its name does not end in .txt.';
    FakeXhr.requests[0]!.respond(415, { error: { code: 'file_type_mismatch', message: sentence } });
    await waitUntil(() => el.shadowRoot!.querySelector('[role=alert]'));
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.equal(sentence);
    rows(el)[0]!.querySelector('button')!.click();
    await el.updateComplete;
    expect(rows(el)).to.have.length(0);
  });

  it('files dropped on the chat window are sent to its conversation', async () => {
    const { session } = uploadSession();
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    provideSession(host, session);
    const root = host.attachShadow({ mode: 'open' });
    const messages = Object.assign(document.createElement('p'), { className: 'messages', textContent: 'messages' });
    const el = document.createElement('staff-chat-upload-tray');
    el.setAttribute('conversation-id', '9');
    root.append(messages, el);
    await el.updateComplete;

    const transfer = new DataTransfer();
    transfer.items.add(png('dropped.png', 10));
    const target = root.querySelector('.messages')!;
    target.dispatchEvent(new DragEvent('dragenter', { bubbles: true, composed: true, dataTransfer: transfer }));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.drop')).to.exist;
    const drop = new DragEvent('drop', { bubbles: true, composed: true, cancelable: true, dataTransfer: transfer });
    target.dispatchEvent(drop);
    expect(drop.defaultPrevented).to.be.true;
    await waitUntil(() => FakeXhr.requests.length === 1);
    expect(FakeXhr.requests[0]!.url).to.equal('/api/staff_chat/grand/conversations/9/upload/');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.drop')).to.not.exist;
  });
});
