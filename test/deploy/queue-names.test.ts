// The deploy files name the services' work queues too (KEDA triggers, the broker users' permissions,
// comments and READMEs) but cannot import them: checked here against the owner, @conveyor/contracts'
// `workQueues` (each service's topology binds its own from there).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deadLetterQueueName } from '@conveyor/bus';
import { workQueues } from '@conveyor/contracts';
import { describe, expect, it } from 'vitest';
import { readBrokerDefinitions } from '../support/index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const consumingServices = ['fulfilment-worker', 'notifier', 'job-worker', 'demo-worker'];
/** `<service>.<purpose>`, but not a file name such as `notifier.yaml` or `job-worker.env`. */
const queueLike = new RegExp(
  `\\b(?:${consumingServices.join('|')})\\.(?!(?:yaml|yml|json|md|env|ts|js|conf)\\b)[a-z][a-z-]*\\b`,
  'g',
);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('queue names in deploy files', () => {
  it('names only the work queues the services own', () => {
    const foreign: string[] = [];
    for (const file of [...filesUnder(join(root, 'deploy')), join(root, 'docker-compose.yml')]) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          for (const [name] of line.matchAll(queueLike))
            if (!(workQueues as readonly string[]).includes(name))
              foreign.push(`${relative(root, file)}:${index + 1}: ${name}`);
        });
    }
    expect(foreign).toEqual([]);
  });

  it("lets each service's broker user declare, consume and dead-letter its own queues", async () => {
    const definitions = await readBrokerDefinitions();
    for (const queue of workQueues) {
      const service = queue.slice(0, queue.indexOf('.'));
      const permission = definitions.permissions.find((candidate) => candidate.user === service);
      expect(permission, `a permission entry for ${service}`).toBeDefined();
      for (const name of [queue, deadLetterQueueName(queue)]) {
        expect(name, `${service} configure`).toMatch(new RegExp(permission?.configure ?? '^$'));
        expect(name, `${service} read`).toMatch(new RegExp(permission?.read ?? '^$'));
      }
    }
  });
});
