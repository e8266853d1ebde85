/** Small real files for tests of uploads (route, integration and browser tests). */

/** A real 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

/** A tiny PDF: enough for its signature and a viewer's patience. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** HTML with a script: what a disguised upload carries. */
export const HTML = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');
