// What the fault suite does to a RabbitMQ node, through its rabbitmqctl: the host's for a node the
// suite started (private-rabbitmq.ts), docker exec for a container (private-containers.ts).
import type { PrivateRabbitmq } from './rabbitmq-node.ts';

/** RabbitMQ's default high watermark (a fraction of the machine's memory). */
const defaultMemoryWatermark = '0.4';

export type RabbitmqNodeControls = Omit<PrivateRabbitmq, 'url' | 'nodeName' | 'stop'>;

/** `ctl` runs rabbitmqctl against the node; `answering` resolves once AMQP answers again. */
export function rabbitmqNodeControls(
  ctl: (...args: readonly string[]) => Promise<string>,
  answering: () => Promise<unknown>,
): RabbitmqNodeControls {
  return {
    async stopApp() {
      await ctl('stop_app');
    },
    async startApp() {
      await ctl('start_app');
      await answering();
    },
    async closeAllConnections(reason) {
      const output = await ctl('close_all_connections', reason);
      return Number(/Closed (\d+) connections/.exec(output)?.[1] ?? 0);
    },
    async connectionStates() {
      const output = await ctl('list_connections', '--quiet', '--no-table-headers', 'state');
      return output
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '');
    },
    async listQueues() {
      const output = await ctl(
        'list_queues',
        '--quiet',
        '--no-table-headers',
        'name',
        'messages',
        'messages_unacknowledged',
      );
      return output
        .split('\n')
        .map((line) => line.trim().split(/\s+/))
        .filter((fields) => fields.length === 3)
        .map(([name = '', messages = '0', unacknowledged = '0']) => ({
          name,
          messages: Number(messages),
          unacknowledged: Number(unacknowledged),
        }));
    },
    async raiseMemoryAlarm() {
      await ctl('set_vm_memory_high_watermark', 'absolute', '1');
    },
    async restoreMemoryWatermark() {
      await ctl('set_vm_memory_high_watermark', defaultMemoryWatermark);
    },
    async setPolicy(policy) {
      await ctl(
        'set_policy',
        '--apply-to',
        policy.applyTo,
        policy.name,
        policy.pattern,
        JSON.stringify(policy.definition),
      );
    },
    async clearPolicy(name) {
      await ctl('clear_policy', name);
    },
  };
}
