// Progress lines on stderr, so that a long fault run shows where it is.

export function progress(line: string): void {
  process.stderr.write(`[faults ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}
