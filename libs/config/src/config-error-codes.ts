// The config library's stable error code and its verdict.
import { defineErrorCodes, type ErrorCodeOf } from '@conveyor/contracts';

export const ConfigErrorCode = defineErrorCodes({
  /** The environment is wrong: start-up stops, naming every bad variable; a retry changes nothing. */
  configInvalid: ['CONFIG_INVALID', 'permanent'],
});

export type ConfigErrorCode = ErrorCodeOf<typeof ConfigErrorCode>;
