// One replay per dead letter. Before a replay resets the message's inbox record and publishes it, it
// claims the letter with an insert on `replay:<letterId>` in `dead_letter_replays`: an insert on a
// unique _id is atomic on FerretDB, where a conditional update (`replayedAt: null`) is not isolated and
// two requests can both match. A claim whose replay never finished (its process died between claim and
// publish) is taken over by inserting the next generation, `replay:<letterId>:<n>`, which one taker wins.
import { insertNew, type Store } from '@conveyor/store';
import { z } from 'zod';

export const deadLetterReplaysCollection = 'dead_letter_replays';

export const replayClaimRecord = z.object({
  _id: z.string(),
  letterId: z.string(),
  /** 1 for the first claim; each takeover of an abandoned claim adds one. */
  generation: z.number().int().positive(),
  claimedAt: z.date(),
  /** Given back by its replay, which published nothing: the next replay claims the next generation. */
  released: z.boolean().default(false),
});

export type ReplayClaim = z.infer<typeof replayClaimRecord>;

export function replayClaimId(letterId: string, generation: number): string {
  return generation === 1 ? `replay:${letterId}` : `replay:${letterId}:${generation}`;
}

export interface ReplayClaims {
  /** The letter's latest claim; undefined when it was never claimed. */
  latest(letterId: string): Promise<ReplayClaim | undefined>;
  /**
   * Claims the letter after `previous` (none, or an abandoned claim taken over); undefined when another
   * replay inserted that claim first.
   */
  claim(letterId: string, previous: ReplayClaim | undefined, at: Date): Promise<ReplayClaim | undefined>;
  /** Gives back a claim whose replay published nothing, so that the letter can be replayed at once. */
  release(claim: ReplayClaim): Promise<void>;
}

export function createReplayClaims(store: Store): ReplayClaims {
  const claims = store.db.collection<ReplayClaim>(deadLetterReplaysCollection);

  return {
    async latest(letterId) {
      // Generations are read by _id, one after the other: takeovers are rare, so this is one or two
      // reads, and needs no index of its own.
      let latest: ReplayClaim | undefined;
      for (let generation = 1; ; generation += 1) {
        const found = await claims.findOne({ _id: replayClaimId(letterId, generation) });
        if (found === null) return latest;
        latest = replayClaimRecord.parse(found);
      }
    },
    async claim(letterId, previous, at) {
      const generation = (previous?.generation ?? 0) + 1;
      const claim: ReplayClaim = {
        _id: replayClaimId(letterId, generation),
        letterId,
        generation,
        claimedAt: at,
        released: false,
      };
      const lost = await insertNew(claims, [claim]);
      return lost.size === 0 ? claim : undefined;
    },
    async release(claim) {
      // Marked, not deleted: generations stay without gaps, so `latest` never misses a later claim.
      // Only the claim's own replay writes it, so the update is not contested.
      await claims.updateOne({ _id: claim._id }, { $set: { released: true } });
    },
  };
}
