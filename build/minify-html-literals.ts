import type { Plugin } from 'vite';

/**
 * Lit's `html` and `svg` tagged templates reach the bundle as written, indentation included. This
 * collapses every run of whitespace in their static text to one space, which HTML renders the same
 * (the widget's templates hold no <pre> and no static text inside <textarea>). Interpolations are
 * left as they are, except for the templates nested in them, which are collapsed in turn.
 */
export function minifyHtmlLiterals(): Plugin {
  return {
    name: 'staff-chat:minify-html-literals',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/widget\/.*\.ts$/.test(id) || id.includes('.test.') || !/\b(?:html|svg)`/.test(code)) return null;
      const minified = minifyHtml(code);
      // Whitespace is all this may change; anything else means the scanner misread the source.
      if (minified.replace(/\s/g, '') !== code.replace(/\s/g, '')) throw new Error(`minify-html-literals misread ${id}`);
      return { code: minified, map: null };
    },
  };
}

/** The source with the static text of every html`…` and svg`…` literal collapsed. */
export function minifyHtml(source: string): string {
  return new Scanner(source).code();
}

class Scanner {
  private index = 0;
  private out = '';

  constructor(private readonly source: string) {}

  code(): string {
    this.scanCode(false);
    return this.out;
  }

  /** Copies code up to the end of the source, or (inside `${…}`) up to its closing brace. */
  private scanCode(inExpression: boolean): void {
    const s = this.source;
    let depth = 0;
    while (this.index < s.length) {
      const char = s[this.index]!;
      const next = s[this.index + 1];
      if (char === '/' && next === '/') this.copyUntil('\n');
      else if (char === '/' && next === '*') this.copyUntil('*/');
      else if (char === "'" || char === '"') this.copyString(char);
      else if (char === '`') {
        const tagged = /\b(?:html|svg)$/.test(s.slice(Math.max(0, this.index - 4), this.index));
        this.scanTemplate(tagged);
      } else if (char === '{') {
        depth++;
        this.copy(1);
      } else if (char === '}') {
        if (inExpression && depth === 0) return;
        depth--;
        this.copy(1);
      } else this.copy(1);
    }
  }

  /** From the opening backtick to past the closing one; `collapse` for html/svg literals. */
  private scanTemplate(collapse: boolean): void {
    const s = this.source;
    this.copy(1);
    let text = '';
    const flush = () => {
      this.out += collapse ? text.replace(/\s+/g, ' ') : text;
      text = '';
    };
    while (this.index < s.length) {
      const char = s[this.index]!;
      if (char === '\\') {
        text += s.slice(this.index, this.index + 2);
        this.index += 2;
      } else if (char === '`') {
        flush();
        this.copy(1);
        return;
      } else if (char === '$' && s[this.index + 1] === '{') {
        flush();
        this.copy(2);
        this.scanCode(true);
        this.copy(1);
      } else {
        text += char;
        this.index++;
      }
    }
    flush();
  }

  private copyString(quote: string): void {
    const s = this.source;
    let end = this.index + 1;
    while (end < s.length && s[end] !== quote && s[end] !== '\n') end += s[end] === '\\' ? 2 : 1;
    this.out += s.slice(this.index, end + 1);
    this.index = end + 1;
  }

  private copyUntil(terminator: string): void {
    const end = this.source.indexOf(terminator, this.index + 2);
    const stop = end === -1 ? this.source.length : end + terminator.length;
    this.out += this.source.slice(this.index, stop);
    this.index = stop;
  }

  private copy(count: number): void {
    this.out += this.source.slice(this.index, this.index + count);
    this.index += count;
  }
}
