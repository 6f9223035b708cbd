export { createDeadLetterArchiver, type DeadLetterArchiver, type ArchiverOptions } from './archiver.ts';
export {
  createReplayer,
  type Replayer,
  type ReplayResult,
  type ReplayOptions,
  type ReplayerOptions,
} from './replay.ts';
export { deadLetterFromMessage } from './dead-letter-from-message.ts';
