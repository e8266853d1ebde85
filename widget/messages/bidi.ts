/**
 * Text of unknown direction (a person's words, a file name), marked to be laid out on its own inside a
 * sentence of the interface's language: Unicode's first-strong isolate, what `<bdi>` does for an element.
 * Without it, "أنت: Noted (room 294)." in an Arabic list puts the English text's closing bracket and full
 * stop on the wrong side, because they take the Arabic sentence's direction.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
