import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, matchText, parseSearchQuery, SEARCH_MAX_TERMS, snippetOf, SNIPPET_LENGTH } from './search-text.js';

describe('search text', () => {
  it('folds case and diacritics, and keeps letters without a decomposition', () => {
    assert.equal(fold('MÜLLER'), 'muller');
    assert.equal(fold('Çağrı'), 'cagrı');
    assert.equal(fold('İstanbul'), 'istanbul');
    assert.equal(fold('Straße'), 'straße');
    assert.equal(fold('cafe\u0301'), 'cafe');
  });

  it('parses words only: operators and punctuation are separators', () => {
    assert.deepEqual(parseSearchQuery('NEAR("lobby" -minus) title:x*'), { terms: ['near', 'lobby', 'minus', 'title', 'x'], prefix: false });
    assert.deepEqual(parseSearchQuery('Room room ROOM tow'), { terms: ['room', 'tow'], prefix: true });
    assert.deepEqual(parseSearchQuery('room tow '), { terms: ['room', 'tow'], prefix: false });
    assert.equal(parseSearchQuery('"*" -: () 🙂'), undefined);
    const many = Array.from({ length: SEARCH_MAX_TERMS + 3 }, (_, index) => `word${index}`).join(' ');
    assert.equal(parseSearchQuery(many)?.terms.length, SEARCH_MAX_TERMS);
    assert.equal(parseSearchQuery(many)?.prefix, false, 'the last word kept is not the one being typed');
  });

  it('gives highlight ranges in UTF-16 code units, after emoji and combining marks', () => {
    const text = '🙂🙂 Cafe\u0301 and café';
    const match = matchText(text, parseSearchQuery('cafe ')!);
    assert.ok(match);
    assert.deepEqual(match.ranges, [
      [5, 10],
      [15, 19],
    ]);
    assert.deepEqual(
      match.ranges.map(([start, end]) => text.slice(start, end)),
      ['Cafe\u0301', 'café'],
    );
    assert.equal(matchText(text, parseSearchQuery('tea')!), undefined);
  });

  it('cuts long messages around the first match, between words, never inside a surrogate pair', () => {
    const text = `${'🙂'.repeat(100)} the keys of room 12 are at the front desk ${'and then some more words '.repeat(20)}`;
    const match = matchText(text, parseSearchQuery('keys')!)!;
    const { snippet, highlights } = snippetOf(text, match.ranges);
    assert.ok(snippet.length <= SNIPPET_LENGTH + 2, `${snippet.length}`);
    assert.ok(snippet.startsWith('…') && snippet.endsWith('…'));
    assert.doesNotMatch(snippet, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/, 'no lone surrogate');
    assert.deepEqual(
      highlights.map(([start, end]) => snippet.slice(start, end)),
      ['keys'],
    );
    const body = snippet.slice(1, -1);
    const at = text.indexOf(body);
    assert.ok(at > 0, 'the snippet is a piece of the text');
    assert.doesNotMatch(text.slice(at - 1, at + 1), /^[\p{L}\p{N}]{2}$/u, 'starts between words');
    assert.doesNotMatch(text.slice(at + body.length - 1, at + body.length + 1), /^[\p{L}\p{N}]{2}$/u, 'ends between words');
    const short = snippetOf('keys here', [[0, 4]]);
    assert.deepEqual(short, { snippet: 'keys here', highlights: [[0, 4]] });
  });
});
