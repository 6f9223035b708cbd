// @conveyor/cli's door for tests: what the command line exports besides the `conveyor` command itself.
export { CliErrorCode } from './errors/cli-error-codes.ts';
