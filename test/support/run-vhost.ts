// A test run's own vhost on the shared local RabbitMQ: its exchanges and queues (`conveyor.events`,
// the retry tiers, every test queue) are then nobody else's, not another run's nor a deployment's, and
// deleting the vhost at the end removes all of them at once. Made with rabbitmqctl (no management
// plugin here); without rabbitmqctl the run uses the URL's vhost as it is, and says so.
import type { AcquiredServer } from './acquired-server.ts';
import { canLoadBrokerDefinitions, rabbitmqctlPath } from './broker-rabbitmqctl.ts';
import { processLives } from './process-lives.ts';
import { runCommand } from './run-command.ts';

/** Per-run vhosts are named `<prefix><pid>`: one left by a run that was killed is deleted later. */
const RUN_VHOST_PREFIX = 'conveyor-test-run-';

/** The vhost an AMQP URL names (`/` when it names none). */
export function vhostOfUrl(amqpUrl: string): string {
  const path = new URL(amqpUrl).pathname.slice(1);
  return path === '' ? '/' : decodeURIComponent(path);
}

/** `amqpUrl` with its vhost replaced. */
export function urlWithVhost(amqpUrl: string, vhost: string): string {
  const url = new URL(amqpUrl);
  url.pathname = `/${encodeURIComponent(vhost)}`;
  return url.toString();
}

/** rabbitmqctl's `-p <vhost>` for the vhost of the run's broker URL (tests that set policies need it). */
export function vhostArgs(amqpUrl: string): string[] {
  return ['-p', vhostOfUrl(amqpUrl)];
}

export async function acquireRunVhost(baseUrl: string, how: string): Promise<AcquiredServer> {
  if (!(await canLoadBrokerDefinitions()))
    return { url: baseUrl, how: `${how}; no rabbitmqctl, so the run shares vhost ${vhostOfUrl(baseUrl)}` };
  const ctl = await rabbitmqctlPath();
  await deleteAbandonedRunVhosts(ctl);
  const vhost = `${RUN_VHOST_PREFIX}${String(process.pid)}`;
  const user = decodeURIComponent(new URL(baseUrl).username) || 'guest';
  await runCommand(ctl, ['add_vhost', vhost]).catch(async (error: unknown) => {
    if (!(await listRunVhosts(ctl)).includes(vhost)) throw error;
  });
  await runCommand(ctl, ['set_permissions', '-p', vhost, user, '.*', '.*', '.*']);
  return {
    url: urlWithVhost(baseUrl, vhost),
    how: `${how}, in vhost ${vhost} of this run`,
    stop: async () => {
      await runCommand(ctl, ['delete_vhost', vhost]);
    },
  };
}

async function listRunVhosts(ctl: string): Promise<string[]> {
  const listed = await runCommand(ctl, ['list_vhosts', '-q', '--no-table-headers', 'name']);
  return listed
    .split('\n')
    .map((line) => line.trim())
    .filter((name) => name.startsWith(RUN_VHOST_PREFIX));
}

async function deleteAbandonedRunVhosts(ctl: string): Promise<void> {
  for (const vhost of await listRunVhosts(ctl)) {
    if (processLives(Number(vhost.slice(RUN_VHOST_PREFIX.length)))) continue;
    await runCommand(ctl, ['delete_vhost', vhost]).catch(() => undefined);
  }
}
