import { expect } from '@open-wc/testing';
import '../testing/process-shim.js';
import { coreStrings } from './core.js';
import { errorStrings } from './errors.js';
import ar from './locales/ar.js';
import de from './locales/de.js';
import es from './locales/es.js';
import fr from './locales/fr.js';
import italian from './locales/it.js';
import pl from './locales/pl.js';
import pt from './locales/pt.js';
import tr from './locales/tr.js';
import { SHIPPED_LANGUAGES } from './locale.js';
import { searchStrings } from './search-strings.js';
import { uiStrings } from './ui.js';

type Table = Record<string, unknown>;

const english: Table = { ...coreStrings, ...errorStrings, ...uiStrings, ...searchStrings };
const translations: Record<string, Table> = { ar, de, es, fr, it: italian, pl, pt, tr };

/**
 * Arguments to call each function with: markers for strings, and counts across the plural forms (3
 * and up every language writes as digits; 0, 1 and 2 may be words, as in Arabic, and only have to
 * give some text). A new function in English needs an entry here.
 */
const SAMPLES: Record<string, unknown[][]> = {
  openChat: [[0], [1], [2], [3], [5], [11], [22], [105], [0, true], [3, true]],
  unreadCount: [[0], [1], [2], [3], [5], [11], [22], [105]],
  members: [[0], [1], [2], [3], [5], [11], [22], [105]],
  jumpToLatestUnread: [[0], [1], [2], [3], [5], [11], [22], [105]],
  conversationWith: [['«TITLE»']],
  searchResultCount: [[0], [1], [2], [3], [5], [11], [22], [105]],
  noMessagesFound: [['«QUERY»']],
  previewMine: [['«TEXT»']],
  mentionAlert: [['«NAME»']],
  previewAttachment: [['«FILE»']],
  closeConversation: [['«TITLE»']],
  replyTo: [['«NAME»']],
  replyingTo: [['«NAME»']],
  mentionEveryoneIn: [['«DEPARTMENT»']],
  mentionSuggestions: [[0], [1], [2], [3], [5], [11], [22], [105]],
  mentionCount: [[0], [1], [2], [3], [5], [11], [22], [105]],
  reactWith: [['«EMOJI»']],
  reactionLabel: [['«EMOJI»', 7, '«NAMES»']],
  seenBy: [[['«ANNA»']], [['«ANNA»', '«BEN»']]],
  acknowledgedAt: [['«TIME»']],
  acknowledgedBy: [
    [0, 2],
    [1, 2],
    [3, 5],
    [11, 22],
  ],
  urgentBanner: [[1], [2], [3], [5], [11], [22], [105]],
  openUrgent: [['«NAME»']],
  urgentReminder: [[1], [2], [3], [5], [11], [22], [105]],
  typing: [[['«ANNA»']], [['«ANNA»', '«BEN»']], [['«ANNA»', '«BEN»', '«CLEO»']], [['«ANNA»', '«BEN»', '«CLEO»', '«DAN»']]],
  errorOriginNotAllowed: [['«ORIGIN»']],
  clearUpload: [['«FILE»']],
  cancelUpload: [['«FILE»']],
  uploading: [['«FILE»']],
  bytes: [['«COUNT»']],
  fileTooBig: [['«FILE»', '«SIZE»', '«MAX»']],
  fileEmpty: [['«FILE»']],
  fileTypeRefused: [['«FILE»']],
  fileTooLarge: [['«FILE»']],
  fileNotSent: [['«FILE»', '«REASON»']],
  departmentSubtitle: [[0], [1], [2], [3], [5], [11], [22], [105]],
  handoverItem: [[3], [12]],
  removeHandoverItem: [[3], [12]],
  handoverItemTooLong: [[3, 200]],
  handoverSummaryTooLong: [[4000]],
  handoverTooManyItems: [[30]],
  handoverBy: [['«NAME»', '«TIME»']],
  handoverProgress: [
    [3, 5],
    [12, 30],
  ],
  handoverTickedBy: [['«NAME»', '«TIME»']],
  pinnedCount: [[0], [1], [2], [3], [5], [11], [22], [105]],
  pinnedBy: [['«NAME»']],
  tooManyPins: [[20]],
  removePerson: [['«NAME»']],
  removeConfirm: [['«NAME»']],
  forwardSend: [[1], [2], [3], [5], [11], [22], [105]],
  deleteFile: [['«FILE»']],
  deleteFileConfirm: [['«FILE»']],
};

/**
 * The values of `args` that English's `fn(...args)` shows (string markers, and numbers of 3 and more):
 * what a translation must show too. ("Several people are typing…" names no one, in any language.)
 */
function shownBy(fn: (...args: unknown[]) => string, args: unknown[]): string[] {
  const text = fn(...args);
  return args.flat().flatMap((arg) => {
    if (typeof arg === 'string' && arg.startsWith('«')) return text.includes(arg) ? [arg] : [];
    if (typeof arg === 'number' && arg >= 3) return text.includes(String(arg)) ? [String(arg)] : [];
    return [];
  });
}

/** Which keys of `table` English has not, and which of English's `table` lacks, nested groups by `group.key`. */
function keyDifferences(table: Table, reference: Table, prefix = ''): { missing: string[]; extra: string[] } {
  const missing: string[] = [];
  const extra: string[] = [];
  for (const [key, value] of Object.entries(reference)) {
    if (!(key in table)) missing.push(prefix + key);
    else if (value && typeof value === 'object') {
      const inner = keyDifferences(table[key] as Table, value as Table, `${key}.`);
      missing.push(...inner.missing);
      extra.push(...inner.extra);
    }
  }
  for (const key of Object.keys(table)) if (!(key in reference)) extra.push(prefix + key);
  return { missing, extra };
}

describe('translations', () => {
  it('ships the nine languages, English built in', () => {
    expect([...SHIPPED_LANGUAGES].sort()).to.deep.equal(['ar', 'de', 'en', 'es', 'fr', 'it', 'pl', 'pt', 'tr']);
    expect(Object.keys(translations).sort()).to.deep.equal(SHIPPED_LANGUAGES.filter((code) => code !== 'en').sort());
  });

  it('every English function has sample arguments, and shows a value of each', () => {
    for (const [key, value] of Object.entries(english)) {
      if (typeof value !== 'function') continue;
      expect(SAMPLES[key], `SAMPLES has no entry for ${key}`).to.be.an('array');
      const parts = SAMPLES[key]!.flatMap((args) => shownBy(value as (...a: unknown[]) => string, args));
      expect(parts, `English ${key} shows none of its sample values`).not.to.be.empty;
    }
  });

  for (const [code, table] of Object.entries(translations)) {
    describe(code, () => {
      it('has every key English has, and none English lacks', () => {
        expect(keyDifferences(table, english)).to.deep.equal({ missing: [], extra: [] });
      });

      it('gives a string where English gives a string, and no English left untranslated in sentences', () => {
        for (const [key, value] of Object.entries(english)) {
          if (typeof value === 'string') {
            expect(table[key], `${code}.${key}`).to.be.a('string').and.not.equal('');
          }
        }
        // Short words can be the same in both ("Chats", "Online", "Message"); a sentence cannot.
        const sentences = Object.entries(english).filter(([, value]) => typeof value === 'string' && value.split(' ').length > 3);
        const same = sentences.filter(([key, value]) => table[key] === value).map(([key]) => key);
        expect(same, `${code}: sentences still in English`).to.deep.equal([]);
      });

      it('has the same functions as English, with the same arity, showing every value passed', () => {
        for (const [key, value] of Object.entries(english)) {
          if (typeof value !== 'function') continue;
          const translated = table[key];
          expect(translated, `${code}.${key}`).to.be.a('function');
          const fn = translated as (...args: unknown[]) => unknown;
          expect(fn.length, `${code}.${key} takes ${value.length} argument(s)`).to.equal(value.length);
          for (const args of SAMPLES[key] ?? []) {
            const text = fn(...args);
            expect(text, `${code}.${key}(${JSON.stringify(args)})`)
              .to.be.a('string')
              .and.not.equal('');
            for (const part of shownBy(value as (...a: unknown[]) => string, args)) {
              expect(text, `${code}.${key}(${JSON.stringify(args)})`).to.include(part);
            }
          }
        }
      });
    });
  }

  it('the key comparison catches a missing key, an extra key and a missing key in a group', () => {
    const { connected: _connected, ...connection } = de.connection;
    const broken: Table = { ...de, extraKey: 'x', connection };
    delete broken.send;
    expect(keyDifferences(broken, english)).to.deep.equal({ missing: ['send', 'connection.connected'], extra: ['extraKey'] });
  });
});
