/**
 * The payload checks of the server events only the lazily loaded features handle (issue 10's), in
 * the lazy chunk rather than the entry; installConversationFeatures installs them into the router
 * (router.ts `installFeatureChecks`) before any held event is routed.
 */
import type {
  AcknowledgementChange,
  AttachmentDeletedEvent,
  HandoverItemChange,
  ParticipantLeft,
  Pin,
  StaffMentioned,
  Unpin,
} from '../../../contract/index.js';
import { isMessageEvent, isRecord, type FeatureChecks } from './router.js';

export const FEATURE_CHECKS: FeatureChecks = {
  // Its store (state/urgent/acknowledgements.ts) reads the summary's lists: they must be there.
  message_acknowledged: (value): value is AcknowledgementChange =>
    isMessageEvent(value) &&
    isRecord(value.acknowledgements) &&
    Array.isArray(value.acknowledgements.pending) &&
    Array.isArray(value.acknowledgements.acknowledged),
  handover_item_changed: (value): value is HandoverItemChange => isMessageEvent(value) && isRecord(value.item),
  staff_mentioned: (value): value is StaffMentioned => isMessageEvent(value) && typeof value.mentioned_staff_id === 'string',
  message_pinned: (value): value is Pin => isMessageEvent(value) && isRecord(value.pinned_by),
  message_unpinned: (value): value is Unpin => isMessageEvent(value) && typeof value.unpinned_by === 'string',
  participant_left: (value): value is ParticipantLeft =>
    isRecord(value) && typeof value.conversation_id === 'number' && typeof value.staff_id === 'string',
  attachment_deleted: (value): value is AttachmentDeletedEvent => isMessageEvent(value) && typeof value.attachment_id === 'number',
};
