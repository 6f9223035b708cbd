// A JSON document given on the command line (--data '{...}') or in a file (--file body.json, `-` for
// stdin). Unreadable or malformed input is a usage error: nothing was sent.
import { readFile } from 'node:fs/promises';
import { errorMessage } from '@conveyor/contracts';
import type { CliIo } from './cli-io.ts';
import { UsageError } from './errors/usage-error.ts';

export interface JsonInputOptions {
  data?: string | undefined;
  file?: string | undefined;
}

/** The parsed document; undefined when neither option was given and the input is optional. */
export async function readJsonInput(
  command: string,
  io: CliIo,
  { data, file }: JsonInputOptions,
): Promise<unknown> {
  if (data !== undefined && file !== undefined)
    throw new UsageError('give --data or --file, not both', command);
  if (data === undefined && file === undefined) return undefined;
  const text = data ?? (await readText(command, io, file ?? '-'));
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${data === undefined ? `--file ${file ?? ''}` : '--data'} is not JSON: ${errorMessage(error)}`,
      command,
    );
  }
}

async function readText(command: string, io: CliIo, file: string): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --file ${file}: ${errorMessage(error)}`, command);
  }
}
