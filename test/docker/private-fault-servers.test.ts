// The fault suite's private servers as containers (test/faults/harness/private-containers.ts): each
// fault it can inject really happens to the container, and each recovery brings the server back at the
// same address. The quick fault rows use RabbitMQ's; the database pause and the NATS outage are rows of
// the full suite only, so they are shown here.
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateContainers } from '../faults/harness/private-containers.ts';
import type { PrivateServers } from '../faults/harness/private-server-handles.ts';
import { amqpAnswers, mongoAnswers, natsAnswers, waitFor } from '../support/index.ts';

describe('the fault suite on containers', () => {
  let servers: PrivateServers | undefined;
  const private_ = (): PrivateServers => {
    if (servers === undefined) throw new Error('the private containers did not start');
    return servers;
  };

  beforeAll(async () => {
    servers = await startPrivateContainers();
  }, 300_000);
  afterAll(async () => {
    await servers?.stop();
  }, 120_000);

  it('pauses the database so that it answers nothing, and resumes it', async () => {
    const { mongo } = private_();
    await mongo.pause();
    try {
      expect(await mongoAnswers(mongo.url, 1_500)).toBe(false);
    } finally {
      await mongo.resume();
    }
    expect(await mongoAnswers(mongo.url)).toBe(true);
  }, 60_000);

  it('stops the database and starts it again at the same address, its data kept', async () => {
    const { mongo } = private_();
    const restarts = (client: MongoClient) =>
      client.db('survives').collection<{ _id: string; at: number }>('restart');
    const write = new MongoClient(mongo.url);
    await restarts(write).insertOne({ _id: 'kept', at: 1 });
    await write.close();
    await mongo.stop();
    expect(await mongoAnswers(mongo.url, 1_500)).toBe(false);
    await mongo.start();
    const read = new MongoClient(mongo.url);
    try {
      expect(await restarts(read).findOne({ _id: 'kept' })).toMatchObject({ at: 1 });
    } finally {
      await read.close();
    }
  }, 120_000);

  it('stops NATS and starts it again at the same address', async () => {
    const { nats } = private_();
    await nats.stop();
    expect(nats.isRunning()).toBe(false);
    expect(await natsAnswers(nats.url, 1_500)).toBe(false);
    await nats.start();
    await waitFor(() => natsAnswers(nats.url), { what: `NATS at ${nats.url} again`, timeoutMs: 30_000 });
  }, 60_000);

  it("stops RabbitMQ's app and starts it again, through the container's rabbitmqctl", async () => {
    const { rabbitmq } = private_();
    await rabbitmq.stopApp();
    expect(await amqpAnswers(rabbitmq.url, 1_500)).toBe(false);
    await rabbitmq.startApp();
    expect(await amqpAnswers(rabbitmq.url)).toBe(true);
  }, 120_000);
});
