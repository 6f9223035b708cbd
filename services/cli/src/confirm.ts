// Asks a yes/no question on stderr and reads the answer from stdin (a terminal, or a pipe as in
// `echo y | conveyor dlq purge ...`). Anything but y/yes, including end of input, is no.
import { createInterface } from 'node:readline/promises';
import type { CliIo } from './cli-io.ts';

export async function confirm(io: CliIo, question: string): Promise<boolean> {
  const lines = createInterface({ input: io.stdin, output: io.stderr, terminal: false });
  try {
    io.stderr.write(`${question} [y/N] `);
    const answer = await new Promise<string>((resolve) => {
      lines.once('line', resolve);
      lines.once('close', () => resolve(''));
    });
    return /^(y|yes)$/i.test(answer.trim());
  } finally {
    lines.close();
  }
}
