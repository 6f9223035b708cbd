import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  connectStore,
  createInbox,
  type Inbox,
  type InboxClaim,
  type InboxClaimRequest,
} from '@conveyor/store';
import { serverUrls } from '../../support/index.ts';
import { openTestStore, silentLogger, type TestStore } from './store-fixture.ts';

const queue = 'orders.work';

describe('inbox batches', () => {
  let testStore: TestStore;
  let inbox: Inbox;

  beforeEach(async () => {
    testStore = await openTestStore();
    inbox = createInbox(testStore.store);
  });

  afterEach(async () => {
    await testStore.drop();
  });

  function request(messageId: string, payloadHash = 'hash-a'): InboxClaimRequest {
    return { queue, messageId, payloadHash, leaseMs: 30_000, crashLimit: 2 };
  }

  async function acquireAll(requests: InboxClaimRequest[]): Promise<InboxClaim[]> {
    return (await inbox.claimMany(requests)).map((outcome) => {
      if (outcome.kind !== 'acquired') throw new Error(`expected acquired, got ${outcome.kind}`);
      return outcome.claim;
    });
  }

  it('records a batch of done marks, after which every copy is skipped', async () => {
    const claims = await acquireAll(['a', 'b', 'c'].map((id) => request(id)));
    expect(await inbox.markDoneMany(claims)).toEqual([
      { kind: 'recorded' },
      { kind: 'recorded' },
      { kind: 'recorded' },
    ]);
    const again = await inbox.claimMany(['a', 'b', 'c'].map((id) => request(id)));
    expect(again).toEqual([{ kind: 'done' }, { kind: 'done' }, { kind: 'done' }]);
  });

  it('answers each mark of a batch on its own: a mark already recorded with another payload is a reused id', async () => {
    const [first] = await acquireAll([request('reused', 'hash-a')]);
    if (first === undefined) throw new Error('no claim');
    await inbox.markDone(first);
    const [fresh] = await acquireAll([request('fresh')]);
    if (fresh === undefined) throw new Error('no claim');
    const impostor: InboxClaim = { ...first, payloadHash: 'hash-b', epoch: 2 };
    const sameAgain: InboxClaim = { ...first, epoch: 2 };
    expect(await inbox.markDoneMany([impostor, fresh, sameAgain])).toEqual([
      { kind: 'reused-id' },
      { kind: 'recorded' },
      { kind: 'recorded' },
    ]);
    await expect(inbox.markDone(impostor)).rejects.toMatchObject({ code: 'INBOX_REUSED_ID' });
  });

  it('records one done mark when two holders of one message are in the same batch', async () => {
    const [holder] = await acquireAll([request('twice')]);
    if (holder === undefined) throw new Error('no claim');
    const takenOver: InboxClaim = { ...holder, epoch: holder.epoch + 1 };
    expect(await inbox.markDoneMany([holder, takenOver])).toEqual([
      { kind: 'recorded' },
      { kind: 'recorded' },
    ]);
    expect(await inbox.status(queue, 'twice')).toBe('done');
  });

  it('claims copies of one message in one batch once, holding the others', async () => {
    const outcomes = await inbox.claimMany([request('m-1'), request('m-2'), request('m-1'), request('m-1')]);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['acquired', 'acquired', 'held', 'held']);
  });

  it('never reports a done mark recorded when the write did not go through', async () => {
    // A client of its own, closed while its batch is on the way: the batch must fail, or be recorded.
    const doomed = await connectStore({
      url: serverUrls().mongoUrl,
      dbName: testStore.store.db.databaseName,
      logger: silentLogger,
      appName: 'conveyor-store-test-doomed',
    });
    const doomedInbox = createInbox(doomed);
    const claims = (await doomedInbox.claimMany(['x', 'y', 'z'].map((id) => request(id)))).map((outcome) => {
      if (outcome.kind !== 'acquired') throw new Error(`expected acquired, got ${outcome.kind}`);
      return outcome.claim;
    });
    const marking = doomedInbox.markDoneMany(claims);
    const [result] = await Promise.allSettled([marking, doomed.close()]);
    const statuses = await Promise.all(['x', 'y', 'z'].map((id) => inbox.status(queue, id)));
    if (result.status === 'fulfilled') expect(statuses).toEqual(['done', 'done', 'done']);
    else expect(result.reason).toBeInstanceOf(Error);
    await expect(doomedInbox.markDoneMany(claims)).rejects.toBeInstanceOf(Error);
  });
});
