// Ids the browser makes up; part of the session core, which hands them out even before the code that
// sends (outbox/sending.ts, uploads.ts) has loaded.

/** A UUID v4; `crypto.randomUUID` exists only on secure origins, and portals are not always https. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The key of an upload row, also the upload's `client_id`. */
export function newUploadKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `up_${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
