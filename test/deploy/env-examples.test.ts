// Each service's `.env.example` names every variable its config schema reads and no other, and what it
// sets is accepted by that schema: a variable added to a config without its example line fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '@conveyor/config';
import { serviceConfigSchemas } from './service-config-schemas.ts';

const configSchemas = serviceConfigSchemas;

interface EnvExample {
  /** Every variable named, set or commented out (`# NAME=default`). */
  named: string[];
  /** The variables it sets, as a process would see them. */
  set: Record<string, string>;
}

function readEnvExample(service: string): EnvExample {
  const text = readFileSync(new URL(`../../services/${service}/.env.example`, import.meta.url), 'utf8');
  const named: string[] = [];
  const set: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match === null) continue;
    const [, commented, name = '', value = ''] = match;
    named.push(name);
    if (commented === undefined) set[name] = value;
  }
  return { named, set };
}

describe('.env.example', () => {
  for (const [service, schema] of Object.entries(configSchemas)) {
    it(`names exactly the variables ${service} reads`, () => {
      expect(readEnvExample(service).named.sort()).toEqual(Object.keys(schema.shape).sort());
    });
  }

  it('is accepted by each config schema once its required values are filled in', () => {
    for (const [service, schema] of Object.entries(configSchemas)) {
      const { set } = readEnvExample(service);
      const filled = Object.fromEntries(
        Object.entries(set).map(([name, value]) => [
          name,
          value === '' ? 'example-value-000000000000000000' : value,
        ]),
      );
      expect(() => loadConfig(schema, filled), service).not.toThrow();
    }
  });
});
