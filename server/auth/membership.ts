import { ApiError } from '../errors.js';
import type { Storage } from '../storage/storage.js';

/**
 * Checks that `staffId` takes part in the conversation and returns its participant ids.
 *
 * @throws ApiError 404 `not_found` when the conversation does not exist in this hotel (another hotel's
 * conversation looks exactly like a missing one), 403 `not_participant` when the caller is not in it.
 */
export async function requireParticipant(storage: Storage, hotel: string, conversationId: number, staffId: string): Promise<string[]> {
  const participantIds = await storage.getParticipantIds(hotel, conversationId);
  if (!participantIds) throw new ApiError(404, 'not_found', 'No such conversation.');
  if (!participantIds.includes(staffId)) {
    throw new ApiError(403, 'not_participant', 'You are not a participant of this conversation.');
  }
  return participantIds;
}
