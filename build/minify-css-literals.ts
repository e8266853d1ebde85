import type { Plugin } from 'vite';

/**
 * Lit's `css` tagged templates reach the bundle exactly as written: indentation, comments and all.
 * This squeezes the static text of every `css`…`` literal in the widget's own sources (interpolations
 * `${…}` are left alone), which is most of the weight the styles add to every portal page.
 */
export function minifyCssLiterals(): Plugin {
  return {
    name: 'staff-chat:minify-css-literals',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/widget\/.*\.ts$/.test(id) || id.includes('.test.') || !code.includes('css`')) return null;
      return { code: code.replace(/\bcss`([^`]*)`/g, (_all, body: string) => `css\`${minifyCss(body)}\``), map: null };
    },
  };
}

/**
 * Whitespace and comments only; never touches what a declaration or selector means. Interpolations
 * (`${…}`) and quoted strings (`content: ', '`) are kept exactly as written.
 */
export function minifyCss(text: string): string {
  return text
    .split(/(\$\{[^}]*\}|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part
            .replace(/\/\*[\s\S]*?\*\//g, '')
            .replace(/\s+/g, ' ')
            // Safe everywhere: around braces, semicolons and commas, and after a declaration's colon.
            .replace(/\s*([{};,])\s*/g, '$1')
            .replace(/;}/g, '}')
            .replace(/([{;]\s*[-\w]+):\s+/g, '$1:'),
    )
    .join('')
    .trim();
}
