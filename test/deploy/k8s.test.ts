// deploy/k8s is rendered with the kustomize API and every object strictly decoded into its Go type by
// test/deploy/k8s-validate (no cluster, no Docker here); then the rendering is checked against what the
// services need: probes, resources, non-root, disruption budgets, KEDA on the queues they consume.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '@conveyor/config';
import { stopHandBackMs } from '@conveyor/runtime';
import { dashboardEnv } from '@conveyor/dashboard';
import { fulfilmentWorkerEnv } from '@conveyor/fulfilment-worker';
import { gatewayEnv } from '@conveyor/gateway';
import { jobWorkerEnv } from '@conveyor/job-worker';
import { notifierEnv } from '@conveyor/notifier';
import { schedulerEnv } from '@conveyor/scheduler';
import { manifestProblems, type ManifestExpectations } from './k8s-checks.ts';
import { buildValidator, repositoryRoot, runValidator, type K8sObject } from './k8s-validator.ts';

const base = 'deploy/k8s/base';
const production = 'deploy/k8s/overlays/production';

/** Processes of the stack that run in the cluster (the CLI is a command, demo-worker a local demo). */
const clusterServices = readdirSync(join(repositoryRoot, 'services')).filter(
  (name) =>
    !['cli', 'demo-worker'].includes(name) &&
    existsSync(join(repositoryRoot, `services/${name}/src/main.ts`)),
);

/** The queues each scaled service consumes, as its own config resolves them from its environment. */
function consumedQueues(deployment: string, env: Readonly<Record<string, string>>): readonly string[] {
  switch (deployment) {
    case 'fulfilment-worker': {
      const config = loadConfig(fulfilmentWorkerEnv, env);
      return [config.ORDERS_QUEUE, config.QUOTES_QUEUE];
    }
    case 'notifier':
      return [loadConfig(notifierEnv, env).ORDER_EVENTS_QUEUE];
    case 'job-worker':
      return [loadConfig(jobWorkerEnv, env).JOBS_QUEUE];
    default:
      return [];
  }
}

const configSchemas: Record<string, z.ZodObject> = {
  gateway: gatewayEnv,
  'fulfilment-worker': fulfilmentWorkerEnv,
  notifier: notifierEnv,
  scheduler: schedulerEnv,
  'job-worker': jobWorkerEnv,
  dashboard: dashboardEnv,
};

const container = z.looseObject({
  env: z
    .array(
      z.looseObject({
        name: z.string(),
        value: z.string().optional(),
        valueFrom: z.looseObject({ fieldRef: z.looseObject({ fieldPath: z.string() }) }).optional(),
      }),
    )
    .default([]),
  envFrom: z
    .array(
      z.looseObject({
        configMapRef: z.looseObject({ name: z.string() }).optional(),
        secretRef: z.looseObject({ name: z.string() }).optional(),
      }),
    )
    .default([]),
});
const deploymentContainers = z.looseObject({
  spec: z.looseObject({
    template: z.looseObject({ spec: z.looseObject({ containers: z.array(container) }) }),
  }),
});
const gracePeriod = z.looseObject({
  spec: z.looseObject({
    template: z.looseObject({
      spec: z.looseObject({ terminationGracePeriodSeconds: z.number().optional() }),
    }),
  }),
});
const configMapData = z.looseObject({ data: z.record(z.string(), z.string()) });
const secretData = z.looseObject({ data: z.record(z.string(), z.string()) });
const externalSecretKeys = z.looseObject({
  spec: z.looseObject({
    target: z.looseObject({ name: z.string() }),
    data: z.array(z.looseObject({ secretKey: z.string() })),
  }),
});

/**
 * The environment a Deployment's container would get: its ConfigMaps, its Secrets (the base's
 * placeholder values; production's ExternalSecrets deliver the same keys), its literal values, and a
 * pod name for fieldRefs.
 */
function containerEnvironment(
  objects: readonly K8sObject[],
  placeholders: ReadonlyMap<string, Record<string, string>>,
  deployment: K8sObject,
): Record<string, string> {
  const first = deploymentContainers.parse(deployment).spec.template.spec.containers[0];
  const env: Record<string, string> = {};
  for (const source of first?.envFrom ?? []) {
    if (source.configMapRef !== undefined)
      Object.assign(env, configMapData.parse(find(objects, 'ConfigMap', source.configMapRef.name)).data);
    if (source.secretRef !== undefined) Object.assign(env, placeholders.get(source.secretRef.name) ?? {});
  }
  for (const item of first?.env ?? []) {
    env[item.name] =
      item.value ?? (item.valueFrom === undefined ? '' : `${deployment.metadata.name}-7d9f-abcde`);
  }
  return env;
}

function placeholderSecrets(objects: readonly K8sObject[]): Map<string, Record<string, string>> {
  return new Map(
    objects
      .filter((object) => object.kind === 'Secret')
      .map((object) => [
        object.metadata.name,
        Object.fromEntries(
          Object.entries(secretData.parse(object).data).map(([key, value]) => [
            key,
            Buffer.from(value, 'base64').toString('utf8'),
          ]),
        ),
      ]),
  );
}

const expectations: ManifestExpectations = {
  services: clusterServices,
  consumedQueues,
  namespace: 'conveyor',
};

/** Sets (or, with undefined, deletes) the value at `path` inside a rendered object. */
function setAt(object: K8sObject, path: readonly (string | number)[], value: unknown): void {
  let node: unknown = object;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) throw new Error(`no ${path.join('.')}`);
    node = (node as Record<string | number, unknown>)[key];
  }
  if (typeof node !== 'object' || node === null) throw new Error(`no ${path.join('.')}`);
  const last = path.at(-1) ?? '';
  if (value === undefined) Reflect.deleteProperty(node, last);
  else Reflect.set(node, last, value);
}

function find(objects: readonly K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (found === undefined) throw new Error(`${kind} ${name} is not in the rendering`);
  return found;
}

describe('deploy/k8s', () => {
  let validator: string;
  const rendered = new Map<string, K8sObject[]>();

  // The first run on a machine builds the validator (1 min or so from empty Go caches), then reuses it.
  beforeAll(async () => {
    validator = await buildValidator();
    const { exitCode, report } = await runValidator(validator, [base, production]);
    for (const rendering of report.renderings) rendered.set(rendering.dir, rendering.objects);
    expect(report.renderings.flatMap((rendering) => rendering.errors)).toEqual([]);
    expect(exitCode).toBe(0);
  }, 300_000);

  const objectsOf = (dir: string): K8sObject[] => rendered.get(dir) ?? [];

  it.each([base, production])('renders %s into objects that decode strictly into their types', (dir) => {
    expect(objectsOf(dir).length).toBeGreaterThan(0);
  });

  it.each([base, production])(
    '%s: probes, resources, non-root read-only containers, budgets and scalers that match',
    (dir) => {
      expect(manifestProblems(objectsOf(dir), expectations)).toEqual([]);
    },
  );

  it.each([base, production])('%s: gives each service an environment its own config accepts', (dir) => {
    const placeholders = placeholderSecrets(objectsOf(base));
    for (const [service, schema] of Object.entries(configSchemas)) {
      const env = containerEnvironment(
        objectsOf(dir),
        placeholders,
        find(objectsOf(dir), 'Deployment', service),
      );
      expect(() => loadConfig(schema, env), service).not.toThrow();
      expect(env.AMQP_URL, service).toMatch(new RegExp(`^amqp://${service}:`));
      expect(env.MONGO_URL, service).toMatch(new RegExp(`^mongodb://${service}:`));
    }
  });

  it.each([base, production])(
    '%s: gives each service a grace period longer than its stop budget and the hand-back after it',
    (dir) => {
      const placeholders = placeholderSecrets(objectsOf(base));
      for (const [service, schema] of Object.entries(configSchemas)) {
        const deployment = find(objectsOf(dir), 'Deployment', service);
        const env = containerEnvironment(objectsOf(dir), placeholders, deployment);
        const budgetMs = z.number().parse(loadConfig(schema, env).SHUTDOWN_TIMEOUT_MS);
        // Kubernetes' default when a Deployment does not set it.
        const graceSeconds =
          gracePeriod.parse(deployment).spec.template.spec.terminationGracePeriodSeconds ?? 30;
        expect(graceSeconds * 1000, service).toBeGreaterThan(budgetMs + stopHandBackMs);
      }
    },
  );

  it('delivers in production every Secret key the base has placeholders for', () => {
    const placeholders = placeholderSecrets(objectsOf(base));
    for (const object of objectsOf(production).filter((item) => item.kind === 'ExternalSecret')) {
      const { spec } = externalSecretKeys.parse(object);
      expect(spec.data.map((item) => item.secretKey).sort(), spec.target.name).toEqual(
        Object.keys(placeholders.get(spec.target.name) ?? {}).sort(),
      );
    }
  });

  it('scales the fulfilment workers and the notifier with KEDA, counting unacked messages', () => {
    const scaled = objectsOf(base)
      .filter((object) => object.kind === 'ScaledObject')
      .map((object) => object.metadata.name)
      .sort();
    expect(scaled).toEqual(['fulfilment-worker', 'notifier']);
  });

  it('uses quorum queues and more replicas in production, classic queues in the base', () => {
    expect(find(objectsOf(base), 'ConfigMap', 'conveyor-config')).toMatchObject({
      data: { QUEUE_TYPE: 'classic' },
    });
    expect(find(objectsOf(production), 'ConfigMap', 'conveyor-config')).toMatchObject({
      data: { QUEUE_TYPE: 'quorum' },
    });
    expect(find(objectsOf(production), 'Deployment', 'gateway')).toMatchObject({ spec: { replicas: 3 } });
    expect(find(objectsOf(production), 'ScaledObject', 'fulfilment-worker')).toMatchObject({
      spec: { minReplicaCount: 3 },
    });
  });

  it('commits no secret: base Secrets hold placeholders, production takes them from ExternalSecrets', () => {
    for (const object of objectsOf(base).filter((item) => item.kind === 'Secret')) {
      const values = Object.values((object as { data?: Record<string, string> }).data ?? {}).map((value) =>
        Buffer.from(value, 'base64').toString('utf8'),
      );
      for (const value of values) expect(value, object.metadata.name).toContain('REPLACE-ME');
    }
    expect(objectsOf(production).filter((object) => object.kind === 'Secret')).toEqual([]);
    expect(objectsOf(production).filter((object) => object.kind === 'ExternalSecret')).toHaveLength(7);
  });

  it('finds a Deployment without a liveness probe, a budget that selects nothing and a scaler on a foreign queue', () => {
    const objects = structuredClone(objectsOf(base));
    setAt(
      find(objects, 'Deployment', 'gateway'),
      ['spec', 'template', 'spec', 'containers', 0, 'livenessProbe'],
      undefined,
    );
    setAt(find(objects, 'PodDisruptionBudget', 'notifier'), ['spec', 'selector', 'matchLabels'], {
      'app.kubernetes.io/name': 'notifer',
    });
    setAt(
      find(objects, 'ScaledObject', 'notifier'),
      ['spec', 'triggers', 0, 'metadata', 'queueName'],
      'job-worker.jobs',
    );

    expect(manifestProblems(objects, expectations)).toEqual([
      'Deployment gateway container gateway: no livenessProbe on /healthz',
      'Deployment notifier: 0 PodDisruptionBudgets select it',
      'PodDisruptionBudget notifier: selects 0 Deployments',
      'ScaledObject notifier: queue job-worker.jobs is not one notifier consumes',
    ]);
  });

  it('rejects a misspelt field, a bad quantity and a misspelt KEDA trigger field', async () => {
    const { exitCode, report } = await runValidator(validator, [
      'test/deploy/fixtures/broken-deployment',
      'test/deploy/fixtures/broken-scaled-object',
    ]);
    expect(exitCode).toBe(1);
    const errors = report.renderings.flatMap((rendering) => rendering.errors);
    expect(errors).toHaveLength(4);
    expect(errors[0]).toMatch(/misspelt-probe.*unknown field "paht"/);
    expect(errors[1]).toMatch(/bad-quantity.*quantities must match/);
    expect(errors[2]).toMatch(/misspelt-trigger.*unknown rabbitmq field "queuename"/);
    expect(errors[3]).toMatch(/misspelt-spec.*unknown field "maxReplicas"/);
  });
});
