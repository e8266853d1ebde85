/**
 * Attachment URLs arrive as absolute paths on the API's origin (`/api/staff_chat/…/file?exp=…&sig=…`).
 * On a portal that loads the widget from another origin they must resolve against the `api-base` of the
 * `<staff-chat>` that shows them, not against the portal page. Full URLs (an object store) pass as is;
 * anything else (`javascript:`, `data:`) is refused.
 */
export function resolveFileUrl(fileUrl: string, from: Node): string | null {
  if (/^https?:\/\//i.test(fileUrl)) return fileUrl;
  if (!fileUrl.startsWith('/') || fileUrl.startsWith('//')) return null;
  const apiBase = apiBaseOf(from) ?? '/';
  return new URL(fileUrl, new URL(apiBase, document.baseURI)).href;
}

/** The `api-base` of the nearest enclosing `<staff-chat>`, across shadow roots. */
function apiBaseOf(node: Node): string | null {
  let current: Node | null = node;
  while (current) {
    if (current instanceof Element && current.localName === 'staff-chat') return current.getAttribute('api-base');
    current = current instanceof ShadowRoot ? current.host : current.parentNode;
  }
  return null;
}
