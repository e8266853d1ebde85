import { atom } from 'nanostores';
import type { Conversation } from '../../../server/contract.js';
import { coreMsg } from '../../messages/core.js';

export interface NotificationSettings {
  /** Desktop notifications while the page is hidden (and the browser allows them). */
  desktop: boolean;
  /** A short beep while the page is hidden. */
  sound: boolean;
}

/** Browser seams, replaceable in tests. */
export interface Alerts {
  /** 'granted', 'denied' or 'default'; 'denied' where the browser has no notifications. */
  permission(): NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  show(title: string, body: string, tag: string): void;
  beep(): void;
  load(): string | null;
  save(value: string): void;
}

const SETTINGS_KEY = 'staff-chat:alerts';

/**
 * Alerts a person who is not looking: when a conversation's unread count goes up with someone else's
 * message while the page is hidden, unless they muted it; a new mention of them alerts even then. The unread counts come from the personal channel, so every
 * conversation counts, open or not. The launcher badge needs none of this: it follows the counts.
 *
 * @param onIncoming called for each such message, hidden page or not (it may be urgent: urgent/pending.ts)
 */
export function createNotifications(isPageHidden: () => boolean, alerts: Alerts = browserAlerts(), onIncoming?: () => void) {
  const $settings = atom<NotificationSettings>(parse(alerts.load()));

  /** Changes the settings; turning desktop alerts on asks the browser first (call it from a click). */
  async function configure(change: Partial<NotificationSettings>): Promise<void> {
    const next = { ...$settings.get(), ...change };
    if (change.desktop && alerts.permission() !== 'granted') {
      next.desktop = (await alerts.requestPermission().catch(() => 'denied')) === 'granted';
    }
    // The click that turns sound on lets the page play audio later (autoplay rules).
    if (change.sound) alerts.beep();
    $settings.set(next);
    alerts.save(JSON.stringify(next));
  }

  /**
   * A desktop notification and a beep, as the settings allow. The tag makes the system replace the
   * alert of another tab, or an earlier one of the same conversation, instead of stacking.
   */
  function alert(title: string, body: string, conversationId: number): void {
    const { desktop, sound } = $settings.get();
    if (desktop && alerts.permission() === 'granted') alerts.show(title, body, `staff-chat-${conversationId}`);
    if (sound) alerts.beep();
  }

  function conversationChanged(previous: Conversation | undefined, next: Conversation, meId: string | undefined): void {
    const last = next.last_message;
    const mentioned = (next.mention_count ?? 0) > (previous?.mention_count ?? 0);
    if (!last || last.sender_id === meId || !(mentioned || next.unread_count > (previous?.unread_count ?? 0))) return;
    onIncoming?.();
    // A muted conversation stays quiet, except for a new mention of the viewer (issue 10: mute never hides one's name).
    if (isPageHidden() && (mentioned || !next.is_muted))
      alert(mentioned ? coreMsg.mentionAlert(last.sender_name) : last.sender_name, last.message, next.id);
  }

  return { $settings, configure, conversationChanged, alert };
}

function parse(saved: string | null): NotificationSettings {
  try {
    const value = JSON.parse(saved ?? '{}') as Partial<NotificationSettings>;
    return { desktop: value.desktop === true, sound: value.sound === true };
  } catch {
    return { desktop: false, sound: false };
  }
}

function browserAlerts(): Alerts {
  // Missing in some browsers' insecure contexts and in webviews, whatever lib.dom says.
  const N = globalThis.Notification as typeof Notification | undefined;
  let audio: AudioContext | undefined;
  return {
    permission: () => (N ? N.permission : 'denied'),
    requestPermission: () => (N ? N.requestPermission() : Promise.resolve('denied')),
    show: (title, body, tag) => {
      if (N) new N(title, { body, tag });
    },
    beep() {
      try {
        audio ??= new AudioContext();
        void audio.resume();
        const tone = audio.createOscillator();
        const gain = audio.createGain();
        tone.frequency.value = 880;
        gain.gain.value = 0.05;
        tone.connect(gain).connect(audio.destination);
        tone.start();
        tone.stop(audio.currentTime + 0.15);
      } catch {
        // No audio here: the badge and the notification still tell.
      }
    },
    load: () => {
      try {
        return (globalThis.localStorage as Storage | undefined)?.getItem(SETTINGS_KEY) ?? null;
      } catch {
        return null;
      }
    },
    save: (value) => {
      try {
        (globalThis.localStorage as Storage | undefined)?.setItem(SETTINGS_KEY, value);
      } catch {
        // Private mode: the settings last until the page closes.
      }
    },
  };
}
