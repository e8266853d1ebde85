import type { Plugin } from 'vite';

/**
 * Lit's `html` tagged templates reach the bundle with their source indentation. This collapses every
 * run of whitespace that holds a line break, in the static text of each `html`…`` literal of the
 * widget's own sources, to one line break: still whitespace where whitespace means something (between
 * inline elements), and the same to the HTML parser. Interpolations are left alone, except that
 * templates nested inside them are collapsed the same way.
 */
export function minifyHtmlLiterals(): Plugin {
  return {
    name: 'staff-chat:minify-html-literals',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/widget\/.*\.ts$/.test(id) || id.includes('.test.') || !code.includes('html`')) return null;
      return { code: minifyHtmlTemplates(code), map: null };
    },
  };
}

const TAG = /\bhtml`/g;

/** `code` with the static text of its `html` templates collapsed (see {@link minifyHtmlLiterals}). */
export function minifyHtmlTemplates(code: string): string {
  let out = '';
  let from = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(code); match; match = TAG.exec(code)) {
    const start = match.index + match[0].length;
    const end = templateEnd(code, start);
    out += code.slice(from, start) + collapseTemplate(code.slice(start, end));
    from = end;
    TAG.lastIndex = end;
  }
  return out + code.slice(from);
}

/** The template body (between the backticks) with its static parts collapsed and its expressions recursed into. */
function collapseTemplate(body: string): string {
  let out = '';
  let text = '';
  for (let i = 0; i < body.length;) {
    if (body[i] === '\\') {
      text += body.slice(i, i + 2);
      i += 2;
    } else if (body.startsWith('${', i)) {
      const close = expressionEnd(body, i + 2);
      out += collapse(text) + '${' + minifyHtmlTemplates(body.slice(i + 2, close)) + '}';
      text = '';
      i = close + 1;
    } else {
      text += body[i]!;
      i++;
    }
  }
  return out + collapse(text);
}

const collapse = (text: string) => text.replace(/[ \t]*\n\s*/g, '\n');

/** Index of the backtick that closes the template whose body starts at `i`. */
function templateEnd(code: string, i: number): number {
  while (i < code.length) {
    if (code[i] === '\\') i += 2;
    else if (code[i] === '`') return i;
    else if (code.startsWith('${', i)) i = expressionEnd(code, i + 2) + 1;
    else i++;
  }
  throw new Error('unterminated template literal');
}

/** Index of the `}` that closes the `${` expression starting at `i`, past strings and nested templates. */
function expressionEnd(code: string, i: number): number {
  let depth = 0;
  while (i < code.length) {
    const c = code[i]!;
    if (c === '`') i = templateEnd(code, i + 1) + 1;
    else if (c === '"' || c === "'") i = stringEnd(code, i) + 1;
    else if (c === '{') {
      depth++;
      i++;
    } else if (c === '}') {
      if (depth === 0) return i;
      depth--;
      i++;
    } else i++;
  }
  throw new Error('unterminated template expression');
}

function stringEnd(code: string, i: number): number {
  const quote = code[i];
  for (i++; i < code.length; i++) {
    if (code[i] === '\\') i++;
    else if (code[i] === quote) return i;
  }
  throw new Error('unterminated string');
}
