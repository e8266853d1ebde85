import assert from 'node:assert/strict';
import { test } from 'node:test';
import { minifyHtmlTemplates } from './minify-html-literals.js';

test('collapses indentation in html templates to one line break, nested templates too', () => {
  const code = [
    'const a = html`<ul>',
    '      ${items.map((i) => html`<li>',
    '          ${i.name} <b>${i.count}</b>',
    '        </li>`)}',
    '    </ul>`;',
  ].join('\n');
  assert.equal(
    minifyHtmlTemplates(code),
    'const a = html`<ul>\n${items.map((i) => html`<li>\n${i.name} <b>${i.count}</b>\n</li>`)}\n</ul>`;',
  );
});

test('leaves other code, strings inside expressions, escapes and spaces without a line break alone', () => {
  const code = 'const s = `keep\n   this`;\nconst t = html`<p title="a  b">${x ? "}  `" : `y\n   z`} \\`  </p>`;';
  assert.equal(
    minifyHtmlTemplates(code),
    'const s = `keep\n   this`;\nconst t = html`<p title="a  b">${x ? "}  `" : `y\n   z`} \\`  </p>`;',
  );
});

test('refuses a template it cannot finish reading instead of guessing', () => {
  assert.throws(() => minifyHtmlTemplates('html`<p>${x'), /unterminated/);
});
