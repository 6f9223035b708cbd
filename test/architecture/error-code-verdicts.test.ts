// Every error code a package exports has a verdict (retryable or permanent) and an HTTP status: the
// gateway's mapping (listed, else by verdict: retryable 503, permanent 500). A code belongs to one
// catalogue only, so its verdict and status cannot disagree between two owners.
import { httpStatusOfCode } from '@conveyor/gateway';
import { describe, expect, it } from 'vitest';
import { errorCatalogues } from './catalogues.ts';

/** Checked at run time too: a catalogue's verdicts come from a map that a cast could fill with anything. */
const verdicts: ReadonlySet<string> = new Set(['retryable', 'permanent']);

describe('error code catalogues', () => {
  it('give every exported code a verdict and an HTTP status', async () => {
    const catalogues = await errorCatalogues();
    expect(catalogues.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const catalogue of catalogues) {
      if (catalogue.verdicts.size !== catalogue.size)
        problems.push(`${catalogue.name}: ${catalogue.size} codes but ${catalogue.verdicts.size} verdicts`);
      for (const [code, verdict] of catalogue.verdicts) {
        if (!verdicts.has(verdict)) problems.push(`${catalogue.name}: ${code} has no verdict`);
        const status = httpStatusOfCode(code, verdict);
        if (!Number.isInteger(status) || status < 400 || status > 599)
          problems.push(`${catalogue.name}: ${code} answers ${status}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keep each code in one catalogue', async () => {
    const owners = new Map<string, string[]>();
    for (const catalogue of await errorCatalogues())
      for (const code of catalogue.verdicts.keys())
        owners.set(code, [...(owners.get(code) ?? []), catalogue.name]);
    expect([...owners].filter(([, names]) => names.length > 1)).toEqual([]);
  });

  it('answer the statuses the gateway documents for the caller-fault codes, and the default rule for the rest', () => {
    expect(httpStatusOfCode('ORDER_ID_CONFLICT', 'permanent')).toBe(409);
    expect(httpStatusOfCode('NOT_FOUND', 'permanent')).toBe(404);
    expect(httpStatusOfCode('SOMETHING_UNLISTED', 'retryable')).toBe(503);
    expect(httpStatusOfCode('SOMETHING_UNLISTED', 'permanent')).toBe(500);
  });
});
