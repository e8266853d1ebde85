/**
 * A SQLite database that reads like a hotel's staff chat, for the search benchmark: texts from a few
 * dozen templates in English, German, French and Turkish, filled with room numbers, times, items and
 * guest surnames (a pool of 3,000, many with accents, so a surname is a rare word). The schema, staff
 * and conversations come from the server's own migrations and storage; the messages are written
 * straight into the file with one prepared statement, in transactions of 100,000, through the
 * full-text triggers a send would fire.
 */
import BetterSqlite3 from 'better-sqlite3';
import { createStorage } from '../../server/storage/index.js';
import { BENCH_HOTEL } from './stack.js';

export interface SeededSearch {
  /** The staff member whose searches are timed: in one conversation of every ten. */
  searcher: string;
  /** Surnames that occur in the searcher's conversations, for the rare-word queries. */
  rareNames: string[];
  /** Messages in the searcher's conversations. */
  visible: number;
}

const CONVERSATIONS = 200;
const STAFF = 40;
const ITEMS = [
  'towels',
  'pillows',
  'a blanket',
  'a baby crib',
  'an iron',
  'a phone charger',
  'extra water',
  'a bathrobe',
  'slippers',
  'a hair dryer',
];
const THINGS = ['shower', 'air conditioning', 'minibar', 'safe', 'television', 'window', 'key card', 'kettle', 'heater', 'light'];
const TEMPLATES: ((f: Fill) => string)[] = [
  (f) => `Guest in room ${f.room} asked for ${f.item}`,
  (f) => `Can someone bring ${f.item} to ${f.room} please?`,
  (f) => `${f.name} checked in early, room ${f.room} is not ready yet`,
  (f) => `Late checkout for ${f.room} until ${f.time}, approved by the manager`,
  (f) => `Housekeeping: ${f.room} done, ${f.room2} in progress`,
  (f) => `The ${f.thing} in ${f.room} is broken, maintenance please`,
  (f) => `Breakfast for ${f.n} guests at ${f.time} in the garden`,
  (f) => `Taxi to the airport for Mr ${f.name} at ${f.time}`,
  (f) => `Reservation for ${f.name}, ${f.n} nights, arriving tomorrow`,
  () => `ok`,
  () => `thanks, on my way`,
  (f) => `Who is on the front desk at ${f.time}?`,
  (f) => `Lost and found: an umbrella from ${f.room}`,
  (f) => `Herr ${f.name} möchte ein ruhigeres Zimmer, bitte ${f.room2} prüfen`,
  (f) => `Zimmer ${f.room} ist fertig, Frühstück für ${f.n} Gäste um ${f.time}`,
  (f) => `Le client de la chambre ${f.room} a demandé ${f.item}`,
  (f) => `Réservation confirmée pour Mme ${f.name}, arrivée à ${f.time}`,
  (f) => `${f.room} numaralı oda hazır, misafir ${f.name} erken giriş istiyor`,
  (f) => `Şişli şubesinden ${f.n} misafir geliyor, kahvaltı saat ${f.time}`,
  (f) => `Spa booking for ${f.name} at ${f.time}, please confirm with the guest`,
];

interface Fill {
  room: number;
  room2: number;
  item: string;
  thing: string;
  name: string;
  time: string;
  n: number;
}

/** Deterministic, so two runs search the same database. */
function generator(seed = 7) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  return { next, pick };
}

function surnames(random: ReturnType<typeof generator>): string[] {
  const first = [
    'Mül',
    'Öz',
    'Lef',
    'Gar',
    'Kow',
    'Çel',
    'Dub',
    'Şa',
    'Hoff',
    'Ber',
    'Mar',
    'Nov',
    'Ross',
    'Yıl',
    'Fer',
    'Kel',
    'Bau',
    'Dum',
    'Sch',
    'Var',
  ];
  const middle = ['', 'a', 'e', 'i', 'o', 'ü', 'è', 'ö', 'ç', 'ı'];
  const last = [
    'ler',
    'türk',
    'èvre',
    'cía',
    'alski',
    'ik',
    'ois',
    'hin',
    'mann',
    'ger',
    'tin',
    'ak',
    'si',
    'dız',
    'ndez',
    'ly',
    'er',
    'as',
    'midt',
    'gas',
  ];
  const names = new Set<string>();
  while (names.size < 3000)
    names.add(`${random.pick(first)}${random.pick(middle)}${random.pick(last)}${random.pick(['', 'n', 's', 'r', 'l'])}`);
  return [...names];
}

export async function seedSearch(file: string, total: number): Promise<SeededSearch & { seconds: number }> {
  const started = performance.now();
  const searcher = 'searcher';
  const staff = [searcher, ...Array.from({ length: STAFF }, (_, index) => `st${index}`)];
  const conversations: { id: number; members: string[] }[] = [];
  const storage = await createStorage(`file:${file}`);
  try {
    for (const id of staff)
      await storage.upsertStaff(BENCH_HOTEL, { id, full_name: `Staff ${id}`, avatar: null, department: null, role: null });
    for (let index = 0; index < CONVERSATIONS; index++) {
      const members = [`st${index % STAFF}`, `st${(index + 1) % STAFF}`, `st${(index + 7) % STAFF}`];
      if (index % 10 === 0) members.push(searcher);
      const [creator, ...others] = members as [string, ...string[]];
      const { conversationId } = await storage.createConversation(BENCH_HOTEL, {
        createdBy: creator,
        participantIds: others,
        title: `team ${index}`,
      });
      conversations.push({ id: conversationId, members });
    }
  } finally {
    await storage.close();
  }

  const random = generator();
  const names = surnames(random);
  const seenByTheSearcher = new Map<string, number>();
  let visible = 0;
  const sqlite = new BetterSqlite3(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    const insert = sqlite.prepare('insert into messages (hotel, conversation_id, sender_id, message, created_at) values (?, ?, ?, ?, ?)');
    const start = Date.parse('2025-01-01T00:00:00.000Z');
    const write = sqlite.transaction((from: number, to: number) => {
      for (let index = from; index < to; index++) {
        const conversation = conversations[Math.floor(random.next() * conversations.length)]!;
        const fill: Fill = {
          room: 100 + Math.floor(random.next() * 400),
          room2: 100 + Math.floor(random.next() * 400),
          item: random.pick(ITEMS),
          thing: random.pick(THINGS),
          name: random.pick(names),
          time: `${6 + Math.floor(random.next() * 16)}:${random.pick(['00', '15', '30', '45'])}`,
          n: 1 + Math.floor(random.next() * 6),
        };
        const text = random.pick(TEMPLATES)(fill);
        if (conversation.members.includes(searcher)) {
          visible++;
          if (text.includes(fill.name)) seenByTheSearcher.set(fill.name, (seenByTheSearcher.get(fill.name) ?? 0) + 1);
        }
        insert.run(BENCH_HOTEL, conversation.id, random.pick(conversation.members), text, new Date(start + index * 30_000).toISOString());
      }
    });
    for (let from = 0; from < total; from += 100_000) {
      write(from, Math.min(total, from + 100_000));
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
    }
    sqlite.prepare('update conversation_participants set last_read_message_id = (select max(id) from messages)').run();
    sqlite.pragma('optimize');
  } finally {
    sqlite.close();
  }
  const rareNames = [...seenByTheSearcher.keys()].slice(0, 20);
  return { searcher, rareNames, visible, seconds: (performance.now() - started) / 1000 };
}
