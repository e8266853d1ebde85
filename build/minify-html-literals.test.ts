import assert from 'node:assert/strict';
import { test } from 'node:test';
import { minifyHtml } from './minify-html-literals.js';

test('collapses whitespace in html`` and svg`` text, nested templates included, and nothing else', () => {
  const source = [
    'const a = html`<div',
    '    class="x">',
    '      ${ok ? html`<span>  yes  </span>` : nothing}',
    '      ${[1, 2].map((n) => html`<b>${n}</b>`)}',
    '    </div>`;',
    "const b = `keep   this`; const c = 'and   this'; // html`  not a template  `",
    'const d = svg`<path   d="M4 12"/>`;',
  ].join('\n');
  assert.equal(
    minifyHtml(source),
    [
      'const a = html`<div class="x"> ${ok ? html`<span> yes </span>` : nothing} ${[1, 2].map((n) => html`<b>${n}</b>`)} </div>`;',
      "const b = `keep   this`; const c = 'and   this'; // html`  not a template  `",
      'const d = svg`<path d="M4 12"/>`;',
    ].join('\n'),
  );
});

test('keeps escapes, and braces inside an interpolation, as written', () => {
  const source = 'html`<p>\\`  a  \\`</p>${{ a: 1 }.a}  <i>${"}  `"}</i>`';
  assert.equal(minifyHtml(source), 'html`<p>\\` a \\`</p>${{ a: 1 }.a} <i>${"}  `"}</i>`');
});
