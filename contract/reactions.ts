/** Reactions: which emoji exist, and the order every list of them is shown in. */

/**
 * The emoji a reaction may use: HotelMate's set. A staff member may react with several of them to the
 * same message, each at most once (HotelMate keeps one reaction per person and replaces it; the issue asks
 * for toggling each on and off with counts of who reacted, which this follows).
 */
export const REACTION_EMOJIS = ['👍', '❤️', '😊', '😂', '😮', '😢', '🎉', '🔥', '✅', '👏'] as const;

export type ReactionEmoji = (typeof REACTION_EMOJIS)[number];

/** Who reacted to a message with one emoji. */
export interface ReactionSummary {
  emoji: ReactionEmoji;
  /** Always `staff_ids.length`. */
  count: number;
  /** In the order they reacted. */
  staff_ids: string[];
}
