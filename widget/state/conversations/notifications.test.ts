import { expect } from '@open-wc/testing';
import { conversation } from '../../testing/fixtures.js';
import { createNotifications, type Alerts } from './notifications.js';

// Alerts while the page is hidden: a muted conversation stays quiet, unless the message mentions the viewer.

function setup() {
  const shown: string[] = [];
  let beeps = 0;
  const alerts: Alerts = {
    permission: () => 'granted',
    requestPermission: async () => 'granted',
    show: (title) => shown.push(title),
    beep: () => void (beeps += 1),
    load: () => JSON.stringify({ desktop: true, sound: true }),
    save: () => undefined,
  };
  const notifications = createNotifications(() => true, alerts);
  return { notifications, shown, beeps: () => beeps };
}

const last = { id: 9, sender_id: 'bob', sender_name: 'Bob Porter', message: 'Taxi for 204', timestamp: '2025-01-01T10:00:00Z' };

describe('notifications', () => {
  it('alerts for a new message from someone else', () => {
    const { notifications, shown, beeps } = setup();
    notifications.conversationChanged(conversation(1, { unread_count: 0 }), conversation(1, { unread_count: 1, last_message: last }), 'me');
    expect(shown).to.deep.equal(['Bob Porter']);
    expect(beeps()).to.equal(1);
  });

  it('stays quiet for a muted conversation', () => {
    const { notifications, shown, beeps } = setup();
    notifications.conversationChanged(
      conversation(1, { unread_count: 0, is_muted: true }),
      conversation(1, { unread_count: 1, last_message: last, is_muted: true }),
      'me',
    );
    expect(shown).to.deep.equal([]);
    expect(beeps()).to.equal(0);
  });

  it('a mention gets through the mute', () => {
    const { notifications, shown } = setup();
    notifications.conversationChanged(
      conversation(1, { unread_count: 0, is_muted: true, mention_count: 0 }),
      conversation(1, { unread_count: 1, last_message: last, is_muted: true, mention_count: 1 }),
      'me',
    );
    expect(shown).to.deep.equal(['Bob Porter mentioned you']);
  });
});
