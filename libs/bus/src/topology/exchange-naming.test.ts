import { describe, expect, it } from 'vitest';
import { Exchange, defaultExchangeNaming, exchangeNaming } from './exchange-naming.ts';

describe('exchange naming', () => {
  it('uses the default names as they are under the default prefix', () => {
    expect(defaultExchangeNaming.resolve(Exchange.events)).toBe('conveyor.events');
    expect(exchangeNaming('conveyor').resolve('conveyor.retry.1s')).toBe('conveyor.retry.1s');
  });

  it("gives a deployment's shared exchanges its prefix", () => {
    const acme = exchangeNaming('acme.staging');
    expect(acme.resolve(Exchange.events)).toBe('acme.staging.events');
    expect(acme.resolve(Exchange.deadLetters)).toBe('acme.staging.dlx');
    expect(acme.resolve(Exchange.unroutable)).toBe('acme.staging.unroutable');
    expect(acme.resolve('conveyor.retry.10s')).toBe('acme.staging.retry.10s');
  });

  it('leaves every other exchange alone: the default exchange, amq.*, a name of the user, its own result', () => {
    const acme = exchangeNaming('acme');
    for (const name of ['', 'amq.topic', 'billing.events', 'conveyor.something-else', 'acme.events'])
      expect(acme.resolve(name)).toBe(name);
  });

  it('refuses a prefix that would make odd names', () => {
    for (const prefix of ['', '.acme', 'acme.', 'a b', 'acme#', 'acme..x'])
      expect(() => exchangeNaming(prefix), prefix).toThrow(RangeError);
  });
});
