import { uniqueName } from '../../support/index.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EventsFixture } from './events-fixture.ts';

const progressSchema = z.strictObject({
  jobId: z.string(),
  percent: z.number().int().min(0).max(100),
  stage: z.string().default('running'),
});
type Progress = z.output<typeof progressSchema>;

/** Resolves with the first `count` events a handler receives. */
function collect<T>(count: number): { handler: (event: T) => void; received: Promise<T[]> } {
  const events: T[] = [];
  let resolve: (events: T[]) => void = () => undefined;
  const received = new Promise<T[]>((done) => {
    resolve = done;
  });
  return {
    handler: (event) => {
      events.push(event);
      if (events.length === count) resolve(events);
    },
    received,
  };
}

describe('events publish and subscribe', () => {
  const fixture = new EventsFixture();
  afterEach(() => fixture.cleanUp());

  it('delivers a published event to a subscriber on another connection, validated and with defaults applied', async () => {
    const subject = uniqueName('test.progress');
    const publisher = await fixture.client();
    const subscriber = await fixture.client();
    const { handler, received } = collect<Progress>(1);
    subscriber.subscribe(subject, progressSchema, handler);
    await subscriber.connection.flush();

    const result = publisher.publish(subject, progressSchema, { jobId: 'j-1', percent: 40 });

    expect(result).toEqual({ published: true });
    expect(await received).toEqual([{ jobId: 'j-1', percent: 40, stage: 'running' }]);
  });

  it('passes the concrete subject to handlers of a wildcard subscription', async () => {
    const prefix = uniqueName('test.jobs');
    const client = await fixture.client();
    const subjects: string[] = [];
    const { handler, received } = collect<Progress>(2);
    client.subscribe(`${prefix}.*.progress`, progressSchema, (event, meta) => {
      subjects.push(meta.subject);
      handler(event);
    });

    client.publish(`${prefix}.a.progress`, progressSchema, { jobId: 'a', percent: 1 });
    client.publish(`${prefix}.b.progress`, progressSchema, { jobId: 'b', percent: 2 });

    expect((await received).map((event) => event.jobId)).toEqual(['a', 'b']);
    expect(subjects).toEqual([`${prefix}.a.progress`, `${prefix}.b.progress`]);
  });

  it('refuses to publish an event that does not match its schema, without throwing', async () => {
    const subject = uniqueName('test.progress');
    const client = await fixture.client();
    const { handler, received } = collect<Progress>(1);
    client.subscribe(subject, progressSchema, handler);

    const invalid = client.publish(subject, progressSchema, { jobId: 'j-1', percent: 140 });
    client.publish(subject, progressSchema, { jobId: 'j-2', percent: 100 });

    expect(invalid).toMatchObject({ published: false, reason: 'invalid-event' });
    expect(await received).toEqual([{ jobId: 'j-2', percent: 100, stage: 'running' }]);
  });

  it('skips bodies that are not JSON or fail the schema, and keeps delivering', async () => {
    const subject = uniqueName('test.progress');
    const client = await fixture.client();
    const raw = await fixture.connection();
    const { handler, received } = collect<Progress>(1);
    client.subscribe(subject, progressSchema, handler);
    await client.connection.flush();

    raw.publish(subject, 'not json');
    raw.publish(subject, JSON.stringify({ jobId: 'j-1', percent: 'half' }));
    raw.publish(subject, JSON.stringify({ jobId: 'j-2', percent: 50 }));

    expect(await received).toEqual([{ jobId: 'j-2', percent: 50, stage: 'running' }]);
  });

  it('keeps delivering after a handler throws', async () => {
    const subject = uniqueName('test.progress');
    const client = await fixture.client();
    const { handler, received } = collect<Progress>(2);
    client.subscribe(subject, progressSchema, (event) => {
      handler(event);
      if (event.jobId === 'boom') throw new Error('handler failed');
    });

    client.publish(subject, progressSchema, { jobId: 'boom', percent: 1 });
    client.publish(subject, progressSchema, { jobId: 'after', percent: 2 });

    expect((await received).map((event) => event.jobId)).toEqual(['boom', 'after']);
  });

  it('splits events between the members of a queue group', async () => {
    const subject = uniqueName('test.progress');
    const client = await fixture.client();
    const perMember = [0, 0];
    const { handler, received } = collect<Progress>(10);
    for (const member of [0, 1] as const) {
      client.subscribe(
        subject,
        progressSchema,
        (event) => {
          perMember[member] = (perMember[member] ?? 0) + 1;
          handler(event);
        },
        { queue: 'workers' },
      );
    }

    for (let percent = 0; percent < 10; percent++)
      client.publish(subject, progressSchema, { jobId: 'j', percent });

    // Without the group each event would arrive twice, and the first ten deliveries would repeat.
    expect((await received).map((event) => event.percent).sort((a, b) => a - b)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    expect((perMember[0] ?? 0) + (perMember[1] ?? 0)).toBe(10);
  });

  it('stops delivering after unsubscribe', async () => {
    const subject = uniqueName('test.progress');
    const client = await fixture.client();
    const received: Progress[] = [];
    const subscription = client.subscribe(subject, progressSchema, (event) => {
      received.push(event);
    });
    const { handler, received: control } = collect<Progress>(1);
    client.subscribe(subject, progressSchema, handler);

    await subscription.unsubscribe();
    client.publish(subject, progressSchema, { jobId: 'late', percent: 1 });
    await control;
    await client.connection.flush();

    expect(received).toEqual([]);
    expect(subscription.unsubscribe()).toBe(subscription.unsubscribe());
  });

  it('reports a publish on a closed connection instead of throwing', async () => {
    const client = await fixture.client();
    const first = client.close();
    expect(client.close()).toBe(first);
    await first;

    const result = client.publish(uniqueName('test.progress'), progressSchema, { jobId: 'j', percent: 1 });

    expect(result).toEqual({ published: false, reason: 'closed' });
    expect(client.isConnected()).toBe(false);
  });
});
