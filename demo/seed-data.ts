import type { StaffMember } from '../contract/index.js';

/** The demo hotel: what `npm start` seeds, and what the demo portal's staff switcher offers. */
export const DEMO_HOTEL = 'seaview';
export const DEMO_HOTEL_NAME = 'Seaview Hotel';

export const DEMO_STAFF: StaffMember[] = [
  { id: 'anna', full_name: 'Anna Kovács', avatar: null, department: 'Front Office', role: 'Front Office Manager' },
  { id: 'ben', full_name: 'Ben Okafor', avatar: null, department: 'Front Office', role: 'Receptionist' },
  { id: 'carla', full_name: 'Carla Mendes', avatar: null, department: 'Housekeeping', role: 'Head Housekeeper' },
  { id: 'dev', full_name: 'Dev Patel', avatar: null, department: 'Housekeeping', role: 'Room Attendant' },
  { id: 'erik', full_name: 'Erik Lindqvist', avatar: null, department: 'Maintenance', role: 'Chief Engineer' },
  { id: 'fatima', full_name: 'Fatima Zahra', avatar: null, department: 'Maintenance', role: 'Technician' },
  { id: 'grace', full_name: 'Grace Liu', avatar: null, department: 'Management', role: 'General Manager' },
];

/**
 * Staff who have never signed in: a staff row (the portal knows them), but no seed puts them in any
 * conversation or department channel, so their first sign-in shows what a newcomer gets. Hana is new in
 * Housekeeping: her first visit joins her to its channel, with its current handover note.
 */
export const DEMO_NEWCOMERS: StaffMember[] = [
  { id: 'hana', full_name: 'Hana Sato', avatar: null, department: 'Housekeeping', role: 'Room Attendant' },
];

/** Everyone the demo portal can sign in as (its switcher, the dev token endpoint). */
export const DEMO_PORTAL_STAFF: StaffMember[] = [...DEMO_STAFF, ...DEMO_NEWCOMERS];

interface SeedConversation {
  participants: string[];
  title: string | null;
  /** [sender id, text], and `urgent` for one that asks everyone else to acknowledge it. */
  messages: ([string, string] | [string, string, 'urgent'])[];
}

/** How many messages the receptionists' handover chat holds, so a person can try scrolling far back. */
export const DEMO_LONG_HISTORY_LENGTH = 1500;

/**
 * Months of front-desk handovers between Anna and Ben on alternating shifts, generated from a few
 * patterns (the same every time): a long history to scroll, search for a quote in, and load page by page.
 */
function handoverLog(): [string, string][] {
  const notes = [
    'asked for a late checkout until 2 pm',
    'reported a dripping tap in the bathroom',
    'wants extra towels and two more pillows',
    'left a passport at the desk, it is in the safe',
    'booked a taxi to the airport at 6:15',
    'complained about noise from the bar terrace',
    'has a food allergy note for breakfast (nuts)',
    'extended the stay by one night',
  ];
  const answers = ['Done', 'Handled', 'Passed on to Housekeeping', 'Maintenance is on it', 'Noted for the morning shift'];
  const log: [string, string][] = [];
  for (let index = 0; log.length < DEMO_LONG_HISTORY_LENGTH; index += 1) {
    const room = 101 + ((index * 37) % 320);
    const [from, to] = index % 2 === 0 ? ['anna', 'ben'] : ['ben', 'anna'];
    log.push([from, `Handover ${index + 1}: room ${room} ${notes[index % notes.length]}.`]);
    log.push([to, `${answers[index % answers.length]} (room ${room}).`]);
  }
  return log;
}

export const DEMO_CONVERSATIONS: SeedConversation[] = [
  // First, so every other conversation is more recent and sits above it in the list.
  { participants: ['anna', 'ben'], title: null, messages: handoverLog() },
  {
    participants: ['anna', 'carla'],
    title: null,
    messages: [
      ['anna', 'Morning Carla! The Schmidt family arrives early, around 11. Any chance 214 is ready by then?'],
      ['carla', 'Dev is on the second floor now. I will put 214 first on his list.'],
      ['anna', 'Perfect, thank you. They asked for an extra cot too.'],
      ['carla', 'Cot is on the trolley. 214 should be done by 10:30.'],
    ],
  },
  {
    participants: ['ben', 'erik'],
    title: null,
    messages: [
      ['ben', 'Guest in 312 says the air conditioning is blowing warm air.'],
      ['erik', 'Thanks Ben. Fatima is on her way up with the ladder.'],
      ['ben', 'I told the guest 15 minutes, is that realistic?'],
      ['erik', 'Yes. If it is the compressor we will offer a room move instead.'],
    ],
  },
  {
    participants: ['grace', 'anna', 'carla', 'erik'],
    title: 'Morning briefing',
    messages: [
      ['grace', 'Occupancy tonight is 94%. Wedding party checks in from 3 pm.'],
      ['erik', 'Lift 2 service is booked for 7 am tomorrow, before the breakfast rush.'],
      ['carla', 'Two room attendants off sick today; I have moved Dev to the wedding block.'],
      ['anna', 'Front desk will hold late checkouts on the third floor until 2 pm.'],
    ],
  },
];

/**
 * One group per operational department, with the general manager in each: seeded even into a demo
 * database from before they existed (see `seed.ts`). People can be added from the directory later.
 */
export const DEMO_DEPARTMENT_GROUPS: SeedConversation[] = [
  {
    participants: ['anna', 'ben', 'grace'],
    title: 'Front Office',
    messages: [
      ['anna', 'Reminder: the Schmidt family gets the welcome basket, it is their tenth stay.'],
      ['ben', 'Noted. I will also print their late checkout confirmation.'],
    ],
  },
  {
    participants: ['carla', 'dev', 'grace'],
    title: 'Housekeeping',
    messages: [
      ['carla', 'Wedding block on the fourth floor first today, then the usual order.'],
      ['dev', 'Fourth floor started. Linen trolley 2 needs a new wheel.'],
    ],
  },
  {
    participants: ['erik', 'fatima', 'grace'],
    title: 'Maintenance',
    messages: [
      ['erik', 'Lift 2 service tomorrow at 7. Fatima, can you put up the signs tonight?'],
      ['fatima', 'Will do after the 312 air conditioning check.'],
      // Fatima and Grace are reminded of it until they acknowledge it ("Acknowledge" in the bubble).
      ['erik', 'Water off on floor 3 from 14:00 to 15:00 for the riser repair. Please confirm you have seen this.', 'urgent'],
    ],
  },
];
