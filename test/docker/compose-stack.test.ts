// docker-compose.yml run for real, on the local images (deploy/compose/local-images.yml): the whole
// stack comes up healthy, an order placed over HTTP completes and its e-mails reach the mail catcher,
// and the stack recovers from a fulfilment worker container killed with SIGKILL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { recordServerSources, uniqueName, waitFor } from '../support/index.ts';
import { composeProject, type ComposeProject } from './compose-project.ts';

// LOCAL-DEVELOPMENT key of docker-compose.yml (GATEWAY_DEV_API_KEY), not a secret.
const authorization = 'Bearer cvk_localdev_local-development-only-not-a-secret';
const orderState = z.object({ id: z.string(), status: z.string() });
const mailList = z.object({
  messages: z.array(z.object({ Subject: z.string(), To: z.array(z.object({ Address: z.string() })) })),
});

function say(line: string): void {
  process.stderr.write(`[compose e2e] ${line}\n`);
}

describe('the compose stack', () => {
  let project: ComposeProject | undefined;
  let gateway = '';
  let mailpit = '';

  beforeAll(async () => {
    project = await composeProject(uniqueName('conveyor-e2e'));
    const started = performance.now();
    await project.compose(['up', '--detach', '--no-build', '--wait', '--wait-timeout', '240'], 300_000);
    say(`${project.name} up and healthy in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    recordServerSources('docker', [
      `compose project ${project.name}: docker-compose.yml + deploy/compose/local-images.yml on the local images`,
    ]);
    gateway = `http://${await project.port('gateway', 8080)}`;
    mailpit = `http://${await project.port('mailpit', 8025)}`;
  }, 360_000);

  afterAll(async () => {
    await project?.compose(['down', '--volumes', '--timeout', '30'], 180_000);
  }, 200_000);

  async function placeOrder(email: string): Promise<string> {
    const response = await fetch(`${gateway}/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ customerId: email, email, items: [{ sku: 'WIDGET-1', qty: 1 }] }),
    });
    expect(response.status).toBe(202);
    return orderState.parse(await response.json()).id;
  }

  async function status(id: string): Promise<string> {
    const response = await fetch(`${gateway}/v1/orders/${id}`, { headers: { authorization } });
    return orderState.parse(await response.json()).status;
  }

  async function mailsTo(email: string): Promise<string[]> {
    const response = await fetch(`${mailpit}/api/v1/messages?limit=500`);
    const { messages } = mailList.parse(await response.json());
    return messages
      .filter((message) => message.To.some((to) => to.Address === email))
      .map((message) => message.Subject);
  }

  it('completes an order placed over HTTP and delivers its e-mails', async () => {
    const email = `${uniqueName('buyer')}@example.test`;
    const id = await placeOrder(email);
    await waitFor(async () => (await status(id)) === 'completed', {
      what: `order ${id} to complete`,
      timeoutMs: 90_000,
      intervalMs: 250,
    });
    const subjects = await waitFor(
      async () => ((await mailsTo(email)).length >= 2 ? mailsTo(email) : false),
      {
        what: `two e-mails to ${email}`,
        timeoutMs: 60_000,
        intervalMs: 250,
      },
    );
    expect(subjects.sort()).toEqual([`Order ${id} confirmed`, `Order ${id} shipped`].sort());
  }, 180_000);

  it('recovers from a fulfilment worker container killed with SIGKILL', async () => {
    if (project === undefined) throw new Error('the stack did not start');
    const [victim] = await project.containers('fulfilment-worker');
    if (victim === undefined) throw new Error('no fulfilment-worker container');
    const inspect = async (format: string): Promise<string> =>
      (await project?.docker.run(['inspect', '--format', format, victim]))?.trim() ?? '';
    const restartsBefore = Number(await inspect('{{.RestartCount}}'));
    const pid = Number(await inspect('{{.State.Pid}}'));
    const killedAt = performance.now();
    // The container's own process, from the host: a crash, which its restart policy answers.
    process.kill(pid, 'SIGKILL');
    const emails = Array.from({ length: 6 }, () => `${uniqueName('after-kill')}@example.test`);
    const ids = await Promise.all(emails.map((email) => placeOrder(email)));
    for (const id of ids) {
      await waitFor(async () => (await status(id)) === 'completed', {
        what: `order ${id}, placed after the kill, to complete`,
        timeoutMs: 120_000,
        intervalMs: 250,
      });
    }
    await waitFor(
      async () =>
        Number(await inspect('{{.RestartCount}}')) > restartsBefore &&
        (await inspect('{{.State.Health.Status}}')) === 'healthy',
      {
        what: `the killed worker ${victim.slice(0, 12)} to be restarted and healthy`,
        timeoutMs: 120_000,
        intervalMs: 500,
      },
    );
    say(
      `worker ${victim.slice(0, 12)} killed: ${String(ids.length)} orders completed and the container healthy again ` +
        `${((performance.now() - killedAt) / 1000).toFixed(1)} s after the kill`,
    );
  }, 300_000);
});
