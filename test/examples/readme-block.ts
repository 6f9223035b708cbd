// The code block of a README section, as written: the test runs it, so the guide cannot drift.
import { readFileSync } from 'node:fs';

/** The first ```ts block after the heading `## <heading>`. */
export function readmeCodeBlock(readmePath: string | URL, heading: string): string {
  const readme = readFileSync(readmePath, 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith(`${heading}\n`));
  if (section === undefined) throw new Error(`${String(readmePath)} has no section "## ${heading}"`);
  const block = /^```ts\n([\s\S]*?)^```$/m.exec(section);
  if (block?.[1] === undefined)
    throw new Error(`the section "## ${heading}" of ${String(readmePath)} has no ts block`);
  return block[1];
}
