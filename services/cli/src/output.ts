// Results go to stdout, as JSON with --json (one document, or one line per event for streams) or as
// text for people; notes and progress go to stderr, so stdout stays parseable.
import type { CliIo } from './cli-io.ts';

export interface Output {
  readonly json: boolean;
  /** The command's result. */
  result(value: unknown, human: () => string): void;
  /** One event of a stream (tail, orders watch): one JSON line each with --json. */
  event(value: unknown, human: () => string): void;
  /** A remark for the person at the terminal, on stderr. */
  note(text: string): void;
}

export function createOutput(io: CliIo, json: boolean): Output {
  const line = (text: string) => io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  return {
    json,
    result(value, human) {
      line(json ? JSON.stringify(value, null, 2) : human());
    },
    event(value, human) {
      line(json ? JSON.stringify(value) : human());
    },
    note(text) {
      io.stderr.write(`${text}\n`);
    },
  };
}
