import assert from 'node:assert/strict';
import { test } from 'node:test';
import { minifyCss } from './minify-css-literals.js';

test('squeezes whitespace and comments, and nothing a rule means', () => {
  const css = `
    /* the launcher */
    :host([open]) .launcher:hover ,
    .badge > span {
      color : var(--staff-chat-accent) ;
      box-shadow: 0 12px 32px rgb(15 23 42 / 0.18), 0 2px 6px rgb(15 23 42 / 0.08);
    }
    @media (max-width: 40rem) { .panel { inset: auto 0 0 0; } }
  `;
  assert.equal(
    minifyCss(css),
    // A space before a colon stays (in a selector it would matter); after one it goes.
    ':host([open]) .launcher:hover,.badge > span{color : var(--staff-chat-accent)' +
      ';box-shadow:0 12px 32px rgb(15 23 42 / 0.18),0 2px 6px rgb(15 23 42 / 0.08)}' +
      '@media (max-width: 40rem){.panel{inset:auto 0 0 0}}',
  );
});

test('keeps quoted strings and interpolations as written', () => {
  assert.equal(
    minifyCss(`.x::after { content: ' ,  ; { ' ; }  \${ unsafe }  .y { font-family: "Segoe  UI" , sans-serif; }`),
    `.x::after{content:' ,  ; { '}\${ unsafe } .y{font-family:"Segoe  UI",sans-serif}`,
  );
});
