// @conveyor/dead-letters: operators' dead-letter handling: the archiver that drains every `.dlq` into
// storage (with a follow-up per letter), and replay, once per letter.
export { createDeadLetterArchiver, type DeadLetterArchiver, type ArchiverOptions } from './archiver.ts';
export {
  createReplayer,
  type Replayer,
  type ReplayResult,
  type ReplayOptions,
  type ReplayerOptions,
} from './replay.ts';
export { deadLetterFromMessage } from './dead-letter-from-message.ts';
export { type ArchivedLetter } from './archived-letter.ts';
export {
  createReplayClaims,
  deadLetterReplaysCollection,
  replayClaimId,
  type ReplayClaim,
  type ReplayClaims,
} from './replay-claims.ts';
