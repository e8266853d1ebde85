import type { WritableAtom } from 'nanostores';
import type { ChatConfig, Message } from '../../../server/contract.js';
import { ApiError } from '../../api/api-error.js';
import type { ApiClient } from '../../api/client.js';
import { uploadMessage } from '../../api/upload.js';
import { $locale } from '../../messages/locale.js';
import { msg } from '../../messages/ui.js';
import { describeError } from '../shared/errors.js';
import { newUploadKey } from './ids.js';

/** One file on its way: a row in the composer with its progress, or the sentence saying why it failed. */
export interface UploadItem {
  /** Also the upload's `client_id`. */
  key: string;
  conversationId: number;
  name: string;
  /** Bytes. */
  size: number;
  /** Fraction sent, 0..1. */
  progress: number;
  status: 'uploading' | 'failed';
  /** Why it failed: a sentence to show as is. */
  error: string | null;
}

export interface UploadsDeps {
  /** The rows; the session owns the atom, so elements can bind to it before this module has loaded. */
  $uploads: WritableAtom<UploadItem[]>;
  api: Pick<ApiClient, 'withAuthorization'>;
  limits: () => ChatConfig['limits'] | undefined;
  /** Takes the stored message through the session's merge (by id and client_id), like a sent one. */
  onStored(conversationId: number, stored: Message): void;
  log: (...args: unknown[]) => void;
}

/** What the server allows when its config says nothing (an older server): its defaults. */
const FALLBACK = { maxBytes: 10 * 1024 * 1024, maxFiles: 5 };

/** `1.5 MB`, `820 KB`, `12 bytes`. */
export function formatBytes(bytes: number): string {
  const number = (value: number) => new Intl.NumberFormat($locale.get(), { maximumFractionDigits: 1, useGrouping: false }).format(value);
  if (bytes < 1024) return msg.bytes(number(bytes));
  if (bytes < 1024 * 1024) return `${number(Math.round(bytes / 1024))} KB`;
  return `${number(bytes / (1024 * 1024))} MB`;
}

/** The sentence for a refusal decided before sending, or null when the file may go. */
export function refusal(file: File, limits: ChatConfig['limits'] | undefined): string | null {
  const maxBytes = limits?.upload_max_bytes ?? FALLBACK.maxBytes;
  if (file.size > maxBytes) return msg.fileTooBig(file.name, formatBytes(file.size), formatBytes(maxBytes));
  if (file.size === 0) return msg.fileEmpty(file.name);
  // An empty type means the browser does not know it: the server judges the content.
  const types = limits?.upload_types;
  if (types && file.type && !types.includes(file.type)) return msg.fileTypeRefused(file.name);
  return null;
}

/** The sentence for a refusal by the server; its own words for what it found wrong with the file. */
function failureSentence(file: File, error: unknown): string {
  if (error instanceof ApiError && (error.status === 413 || error.status === 415 || error.status === 400)) {
    return error.code === 'payload_too_large' ? msg.fileTooLarge(file.name) : error.message;
  }
  return msg.fileNotSent(file.name, describeError(error, msg.uploadFailed).message);
}

/**
 * Files being sent. Each file goes in a request of its own and becomes a message of its own, so each has
 * its own progress bar and cancel, and one refused file never holds back the rest. A file too large or
 * of a type the server refuses fails at once, with a sentence, and is never sent.
 */
export function createUploads(deps: UploadsDeps) {
  const { $uploads } = deps;
  const controllers = new Map<string, AbortController>();

  const change = (key: string, update: Partial<UploadItem>) =>
    $uploads.set($uploads.get().map((item) => (item.key === key ? { ...item, ...update } : item)));
  const remove = (key: string) => $uploads.set($uploads.get().filter((item) => item.key !== key));

  async function sendOne(item: UploadItem, file: File): Promise<void> {
    const controller = new AbortController();
    controllers.set(item.key, controller);
    try {
      const stored = await uploadMessage(deps.api, item.conversationId, file, {
        clientId: item.key,
        signal: controller.signal,
        onProgress: (loaded, total) => change(item.key, { progress: total > 0 ? loaded / total : 0 }),
      });
      remove(item.key);
      deps.onStored(item.conversationId, stored);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'aborted') return;
      deps.log('upload failed', item.conversationId, file.name, error);
      change(item.key, { status: 'failed', error: failureSentence(file, error) });
    } finally {
      controllers.delete(item.key);
    }
  }

  /** Starts sending `files` to a conversation; returns their rows' keys (`keys`, when the session made them). */
  function add(conversationId: number, files: readonly File[], keys: readonly string[] = files.map(() => newUploadKey())): string[] {
    const limits = deps.limits();
    const maxFiles = limits?.upload_max_files ?? FALLBACK.maxFiles;
    const added: { item: UploadItem; file: File | null }[] = files.map((file, index) => {
      const item: UploadItem = {
        key: keys[index] ?? newUploadKey(),
        conversationId,
        name: file.name,
        size: file.size,
        progress: 0,
        status: 'uploading',
        error: null,
      };
      const refused =
        index >= maxFiles ? `${file.name} was not sent: at most ${maxFiles} files can be sent at once.` : refusal(file, limits);
      return refused ? { item: { ...item, status: 'failed', error: refused }, file: null } : { item, file };
    });
    $uploads.set([...$uploads.get(), ...added.map(({ item }) => item)]);
    for (const { item, file } of added) if (file) void sendOne(item, file);
    return added.map(({ item }) => item.key);
  }

  /** Cancels an upload in flight, or clears a failed row. */
  function cancel(key: string): void {
    controllers.get(key)?.abort();
    remove(key);
  }

  /** Cancels everything (the session stops). */
  function stop(): void {
    for (const controller of controllers.values()) controller.abort();
    controllers.clear();
    $uploads.set([]);
  }

  return { add, cancel, stop };
}
