import { expect } from '@open-wc/testing';
import { snippetParts } from './snippet-parts.js';

describe('snippetParts', () => {
  it('cuts a snippet at its highlights', () => {
    expect(
      snippetParts('…asked for towels and a towel', [
        [11, 17],
        [24, 29],
      ]),
    ).to.deep.equal([
      { text: '…asked for ', hit: false },
      { text: 'towels', hit: true },
      { text: ' and a ', hit: false },
      { text: 'towel', hit: true },
    ]);
  });

  it('counts UTF-16 code units, as the server does', () => {
    expect(snippetParts('🛎️ Müller', [[4, 10]]).find((p) => p.hit)!.text).to.equal('Müller');
  });

  it('skips offsets that are out of range, empty, overlapping or out of order', () => {
    expect(
      snippetParts('towels', [
        [0, 3],
        [2, 5],
        [4, 4],
        [5, 99],
        [-1, 2],
      ]),
    ).to.deep.equal([
      { text: 'tow', hit: true },
      { text: 'els', hit: false },
    ]);
  });
});
