import { expect } from '@open-wc/testing';
import { textParts, type TextPart } from './link-parts.js';

/** The links found, as [text, href]. */
const links = (text: string): [string, string][] =>
  textParts(text).flatMap((part: TextPart) => (part.href === undefined ? [] : [[part.text, part.href] as [string, string]]));

describe('textParts: the links in a message', () => {
  it('cuts text into plain runs and links that join back into the input', () => {
    const text = 'Menu: https://grand.example/menu and www.spa.example, or mail spa@x (mailto:spa@grand.example).';
    const parts = textParts(text);
    expect(parts.map((p) => p.text).join('')).to.equal(text);
    expect(parts).to.deep.equal([
      { text: 'Menu: ' },
      { text: 'https://grand.example/menu', href: 'https://grand.example/menu' },
      { text: ' and ' },
      { text: 'www.spa.example', href: 'https://www.spa.example/' },
      { text: ', or mail spa@x (' },
      { text: 'mailto:spa@grand.example', href: 'mailto:spa@grand.example' },
      { text: ').' },
    ]);
  });

  it('returns text without links as one plain part, and nothing for nothing', () => {
    expect(textParts('Room 214 is ready')).to.deep.equal([{ text: 'Room 214 is ready' }]);
    expect(textParts('')).to.deep.equal([]);
  });

  it('finds http, https, www., mailto: and tel:, in any case', () => {
    expect(links('http://a.example/x')).to.deep.equal([['http://a.example/x', 'http://a.example/x']]);
    expect(links('HTTPS://A.example/Path?q=1#top')).to.deep.equal([['HTTPS://A.example/Path?q=1#top', 'https://a.example/Path?q=1#top']]);
    expect(links('WWW.Grand.example/spa')).to.deep.equal([['WWW.Grand.example/spa', 'https://www.grand.example/spa']]);
    expect(links('mailto:night.desk@grand.example?subject=Keys')).to.deep.equal([
      ['mailto:night.desk@grand.example?subject=Keys', 'mailto:night.desk@grand.example?subject=Keys'],
    ]);
    expect(links('call tel:+44-20-7946-0958 now')).to.deep.equal([['tel:+44-20-7946-0958', 'tel:+44-20-7946-0958']]);
    expect(links('ports http://127.0.0.1:3000/demo too')).to.deep.equal([['http://127.0.0.1:3000/demo', 'http://127.0.0.1:3000/demo']]);
  });

  it('never links another scheme', () => {
    for (const text of [
      'javascript:alert(1)',
      'JavaScript://x.example/%0aalert(1)',
      'data:text/html,<b>x</b>',
      'vbscript:msgbox',
      'file:///etc/passwd',
      'ftp://x.example',
    ]) {
      expect(links(text), text).to.deep.equal([]);
    }
    // A scheme we allow glued behind another word is not a link start either.
    expect(links('javascript:https://x.example')).to.deep.equal([]);
    expect(links('xhttps://x.example')).to.deep.equal([]);
  });

  it('leaves trailing punctuation and unmatched closing brackets outside the link', () => {
    expect(links('See https://x.example/a.')).to.deep.equal([['https://x.example/a', 'https://x.example/a']]);
    expect(links('https://x.example/a, then')).to.deep.equal([['https://x.example/a', 'https://x.example/a']]);
    expect(links('Is it https://x.example/a?!')).to.deep.equal([['https://x.example/a', 'https://x.example/a']]);
    expect(links('(see https://x.example/a)')).to.deep.equal([['https://x.example/a', 'https://x.example/a']]);
    expect(links('"https://x.example/a"')).to.deep.equal([['https://x.example/a', 'https://x.example/a']]);
    expect(links('[www.x.example/b]')).to.deep.equal([['www.x.example/b', 'https://www.x.example/b']]);
  });

  it('keeps brackets the link opened itself', () => {
    const wiki = 'https://en.wikipedia.org/wiki/Savoy_(hotel)';
    expect(links(`(${wiki})`)).to.deep.equal([[wiki, wiki]]);
    expect(links(`${wiki}.`)).to.deep.equal([[wiki, wiki]]);
  });

  it('is not fooled by addresses that are only half there', () => {
    for (const text of [
      'https://',
      'http:// x',
      'www.',
      'www.example',
      'mailto:',
      'mailto:nobody',
      'tel:',
      'tel:abc',
      'https://-bad-.example',
      'https://.example',
    ]) {
      expect(links(text), text).to.deep.equal([]);
    }
  });

  it('finds several links and links in right-to-left text', () => {
    expect(links('https://a.example https://b.example\nwww.c.example').map(([t]) => t)).to.deep.equal([
      'https://a.example',
      'https://b.example',
      'www.c.example',
    ]);
    expect(links('القائمة: https://grand.example/ar، شكراً')).to.deep.equal([['https://grand.example/ar', 'https://grand.example/ar']]);
  });
});
