import { describe, expect, it } from 'vitest';
import { decideClaim, outcomeAfterLostInsert } from './inbox-decision.ts';
import type { InboxClaimRequest } from '@conveyor/contracts';
import { claimRecordId, type ClaimRecord, type InboxRecord } from './inbox-records.ts';

const now = 1_000_000;
const request: InboxClaimRequest = {
  queue: 'q',
  messageId: 'm',
  payloadHash: 'h',
  leaseMs: 100,
  crashLimit: 2,
};

function claim(epoch: number, fields: Partial<ClaimRecord> = {}): ClaimRecord {
  return {
    _id: claimRecordId('q', 'm', epoch),
    kind: 'claim',
    queue: 'q',
    messageId: 'm',
    epoch,
    payloadHash: 'h',
    leaseUntil: new Date(now - 1),
    released: false,
    crashed: false,
    createdAt: new Date(now - 1000),
    ...fields,
  };
}

describe('inbox claim decision', () => {
  it('claims epoch 1 when nothing is recorded', () => {
    const plan = decideClaim(request, [], now);
    expect(plan.kind).toBe('insert');
    expect(plan.outcome).toEqual({
      kind: 'acquired',
      claim: { queue: 'q', messageId: 'm', payloadHash: 'h', epoch: 1, crashes: 0, suspect: false },
    });
    if (plan.kind === 'insert')
      expect(plan.record).toMatchObject({ epoch: 1, leaseUntil: new Date(now + 100) });
  });

  it('skips a done message and flags a done id with another payload', () => {
    const done: InboxRecord = {
      _id: 'd',
      kind: 'done',
      queue: 'q',
      messageId: 'm',
      payloadHash: 'h',
      epoch: 1,
      createdAt: new Date(now),
    };
    expect(decideClaim(request, [claim(1), done], now)).toEqual({
      kind: 'settled',
      outcome: { kind: 'done' },
    });
    expect(decideClaim({ ...request, payloadHash: 'other' }, [done], now).outcome).toEqual({
      kind: 'reused-id',
    });
  });

  it('reports a live lease as held, and as reused-id under another payload', () => {
    const live = claim(1, { leaseUntil: new Date(now + 50) });
    expect(decideClaim(request, [live], now).outcome).toEqual({
      kind: 'held',
      leaseExpiresAt: new Date(now + 50),
    });
    expect(decideClaim({ ...request, payloadHash: 'x' }, [live], now).outcome).toEqual({ kind: 'reused-id' });
  });

  it('re-claims a released claim without counting a crash, keeping earlier crashes', () => {
    const records = [claim(1, { solo: true }), claim(2, { crashed: true, released: true })];
    const plan = decideClaim(request, records, now);
    expect(plan.outcome).toMatchObject({ kind: 'acquired', claim: { epoch: 3, crashes: 1, suspect: false } });
  });

  it('takes over an expired unreleased claim that ran beside others as a suspect, counting no crash', () => {
    const plan = decideClaim(request, [claim(1)], now);
    expect(plan.outcome).toMatchObject({ kind: 'acquired', claim: { epoch: 2, crashes: 0, suspect: true } });
    if (plan.kind === 'insert') expect(plan.record).toMatchObject({ kind: 'claim', crashed: true });
  });

  it('counts the crash when the holder that died ran the message alone', () => {
    const plan = decideClaim(request, [claim(1), claim(2, { crashed: true, solo: true })], now);
    expect(plan.outcome).toMatchObject({ kind: 'acquired', claim: { epoch: 3, crashes: 1, suspect: true } });
  });

  it('declares a crash loop once more holders than the limit died running it alone', () => {
    const records = [
      claim(1),
      claim(2, { crashed: true, solo: true }),
      claim(3, { crashed: true, solo: true }),
      claim(4, { crashed: true, solo: true }),
    ];
    const plan = decideClaim(request, records, now);
    expect(plan.outcome).toEqual({ kind: 'crash-loop', crashes: 3 });
    if (plan.kind === 'insert') expect(plan.record.kind).toBe('crash-loop');
  });

  it('never declares a crash loop for a message whose holders died beside others', () => {
    const records = [claim(1), ...[2, 3, 4, 5, 6].map((epoch) => claim(epoch, { crashed: true }))];
    expect(decideClaim(request, records, now).outcome).toMatchObject({
      kind: 'acquired',
      claim: { epoch: 7, crashes: 0, suspect: true },
    });
  });

  it('accepts any payload after a reset marker', () => {
    const marker = claim(4, { payloadHash: null, released: true });
    expect(decideClaim({ ...request, payloadHash: 'new' }, [marker], now).outcome).toMatchObject({
      kind: 'acquired',
      claim: { epoch: 5, crashes: 0, payloadHash: 'new' },
    });
  });

  it('turns a lost insert into held, or asks to decide again when the winner is gone', () => {
    const winner = claim(1, { leaseUntil: new Date(now + 10) });
    expect(outcomeAfterLostInsert(request, winner)).toEqual({
      kind: 'held',
      leaseExpiresAt: new Date(now + 10),
    });
    expect(outcomeAfterLostInsert(request, undefined)).toBeUndefined();
  });

  it('takes over a live lease at once when its holder process stopped renewing, counting the crash', () => {
    const live = claim(1, { leaseUntil: new Date(now + 60_000), holder: 'dead-process', solo: true });
    const expired = new Map<string, Date | null>([['dead-process', new Date(now - 1)]]);
    const plan = decideClaim(request, [live], now, { holder: 'me', holders: expired });
    expect(plan.outcome).toMatchObject({ kind: 'acquired', claim: { epoch: 2, crashes: 1, suspect: true } });
    if (plan.kind === 'insert') expect(plan.record).toMatchObject({ crashed: true, holder: 'me' });
    const gone = new Map<string, Date | null>([['dead-process', null]]);
    expect(decideClaim(request, [live], now, { holders: gone }).outcome).toMatchObject({
      kind: 'acquired',
      claim: { crashes: 1 },
    });
  });

  it('keeps a claim held while its holder process is alive, or when its holder was not read', () => {
    const live = claim(1, { leaseUntil: new Date(now + 60_000), holder: 'alive-process' });
    const alive = new Map<string, Date | null>([['alive-process', new Date(now + 5_000)]]);
    expect(decideClaim(request, [live], now, { holders: alive }).outcome).toMatchObject({ kind: 'held' });
    expect(decideClaim(request, [live], now).outcome).toMatchObject({ kind: 'held' });
    // Its own process is alive by definition, whatever a stale read says.
    const stale = new Map<string, Date | null>([['alive-process', new Date(now - 1)]]);
    expect(
      decideClaim(request, [live], now, { holder: 'alive-process', holders: stale }).outcome,
    ).toMatchObject({ kind: 'held' });
  });

  it('tells a held copy when the holder process liveness runs out, so it can wait for that', () => {
    const live = claim(1, { leaseUntil: new Date(now + 60_000), holder: 'alive-process' });
    const aliveUntil = new Date(now + 5_000);
    const alive = new Map<string, Date | null>([['alive-process', aliveUntil]]);
    expect(decideClaim(request, [live], now, { holders: alive }).outcome).toEqual({
      kind: 'held',
      leaseExpiresAt: live.leaseUntil,
      holderAliveUntil: aliveUntil,
    });
    expect(decideClaim(request, [live], now).outcome).not.toHaveProperty('holderAliveUntil');
  });

  it('still takes over an expired lease of a live holder (a stuck handler), counting the crash', () => {
    const stuck = claim(1, { holder: 'alive-process', solo: true });
    const alive = new Map<string, Date | null>([['alive-process', new Date(now + 5_000)]]);
    expect(decideClaim(request, [stuck], now, { holders: alive }).outcome).toMatchObject({
      kind: 'acquired',
      claim: { crashes: 1 },
    });
  });

  it('gives a retried claim its own record back as acquired, not held', () => {
    const mine = claim(3, { leaseUntil: new Date(now + 50), claimToken: 'token-1' });
    const records = [claim(1, { solo: true }), claim(2, { crashed: true, released: true }), mine];
    expect(decideClaim({ ...request, claimToken: 'token-1' }, records, now).outcome).toEqual({
      kind: 'acquired',
      claim: { queue: 'q', messageId: 'm', payloadHash: 'h', epoch: 3, crashes: 1, suspect: false },
    });
    expect(decideClaim({ ...request, claimToken: 'token-2' }, records, now).outcome).toMatchObject({
      kind: 'held',
    });
    expect(outcomeAfterLostInsert({ ...request, claimToken: 'token-1' }, mine)).toBeUndefined();
  });
});
