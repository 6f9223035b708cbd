// What a rendered Conveyor deployment must hold beyond valid types: probes, resources and a locked-down
// security context on every Deployment, PodDisruptionBudgets and Services that select them, references
// that resolve, and KEDA triggers on the queues the scaled service really consumes.
import { z } from 'zod';
import type { K8sObject } from './k8s-validator.ts';

const labels = z.record(z.string(), z.string());
const probe = z.looseObject({
  httpGet: z.looseObject({ path: z.string(), port: z.union([z.string(), z.number()]) }),
});
const quantities = z.looseObject({ cpu: z.string().optional(), memory: z.string().optional() });
const envVar = z.looseObject({ name: z.string(), value: z.string().optional() });
const envFrom = z.looseObject({
  configMapRef: z.looseObject({ name: z.string() }).optional(),
  secretRef: z.looseObject({ name: z.string() }).optional(),
});

const container = z.looseObject({
  name: z.string(),
  ports: z.array(z.looseObject({ name: z.string().optional(), containerPort: z.number() })).default([]),
  env: z.array(envVar).default([]),
  envFrom: z.array(envFrom).default([]),
  readinessProbe: probe.optional(),
  livenessProbe: probe.optional(),
  resources: z.looseObject({ requests: quantities.optional(), limits: quantities.optional() }).optional(),
  securityContext: z
    .looseObject({
      runAsNonRoot: z.boolean().optional(),
      readOnlyRootFilesystem: z.boolean().optional(),
      allowPrivilegeEscalation: z.boolean().optional(),
    })
    .optional(),
});

const deployment = z.looseObject({
  metadata: z.looseObject({ name: z.string() }),
  spec: z.looseObject({
    selector: z.looseObject({ matchLabels: labels }),
    template: z.looseObject({
      metadata: z.looseObject({ labels }),
      spec: z.looseObject({
        securityContext: z.looseObject({ runAsNonRoot: z.boolean().optional() }).optional(),
        containers: z.array(container),
      }),
    }),
  }),
});

const selectorSpec = z.looseObject({
  metadata: z.looseObject({ name: z.string() }),
  spec: z.looseObject({ selector: z.looseObject({ matchLabels: labels }) }),
});

const service = z.looseObject({
  metadata: z.looseObject({ name: z.string() }),
  spec: z.looseObject({
    selector: labels,
    ports: z.array(z.looseObject({ targetPort: z.union([z.string(), z.number()]) })),
  }),
});

const scaledObject = z.looseObject({
  metadata: z.looseObject({ name: z.string() }),
  spec: z.looseObject({
    scaleTargetRef: z.looseObject({ name: z.string() }),
    triggers: z.array(
      z.looseObject({
        type: z.string(),
        metadata: z.record(z.string(), z.string()),
        authenticationRef: z.looseObject({ name: z.string() }).optional(),
      }),
    ),
  }),
});

const triggerAuthentication = z.looseObject({
  metadata: z.looseObject({ name: z.string() }),
  spec: z.looseObject({
    secretTargetRef: z.array(z.looseObject({ name: z.string(), key: z.string() })).default([]),
  }),
});

const externalSecret = z.looseObject({
  spec: z.looseObject({ target: z.looseObject({ name: z.string() }) }),
});

export type Deployment = z.infer<typeof deployment>;

export interface ManifestExpectations {
  /** Every service that must have a Deployment. */
  readonly services: readonly string[];
  /** The queues a Deployment's service consumes, given its container environment. */
  readonly consumedQueues: (
    deploymentName: string,
    env: Readonly<Record<string, string>>,
  ) => readonly string[];
  readonly namespace: string;
}

function ofKind<T>(objects: readonly K8sObject[], kind: string, schema: z.ZodType<T>): T[] {
  return objects.filter((object) => object.kind === kind).map((object) => schema.parse(object));
}

function selects(selector: Record<string, string>, podLabels: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => podLabels[key] === value);
}

/** The literal `env` values of a Deployment's first container (what its config would see besides envFrom). */
export function literalEnv(target: Deployment): Record<string, string> {
  const env = target.spec.template.spec.containers[0]?.env ?? [];
  return Object.fromEntries(
    env.flatMap((item) => (item.value === undefined ? [] : [[item.name, item.value]])),
  );
}

function deploymentProblems(target: Deployment): string[] {
  const name = `Deployment ${target.metadata.name}`;
  const problems: string[] = [];
  const pod = target.spec.template.spec;
  if (!selects(target.spec.selector.matchLabels, target.spec.template.metadata.labels))
    problems.push(`${name}: selector does not match its pod template labels`);
  for (const item of pod.containers) {
    const where = `${name} container ${item.name}`;
    const portNames = new Set(item.ports.flatMap((port) => [port.name, port.containerPort]));
    if (item.readinessProbe?.httpGet.path !== '/readyz')
      problems.push(`${where}: no readinessProbe on /readyz`);
    if (item.livenessProbe?.httpGet.path !== '/healthz')
      problems.push(`${where}: no livenessProbe on /healthz`);
    for (const [kind, check] of [
      ['readinessProbe', item.readinessProbe],
      ['livenessProbe', item.livenessProbe],
    ] as const) {
      if (check !== undefined && !portNames.has(check.httpGet.port))
        problems.push(`${where}: ${kind} port ${String(check.httpGet.port)} is not a container port`);
    }
    for (const bound of ['requests', 'limits'] as const) {
      const set = item.resources?.[bound];
      if (set?.cpu === undefined || set.memory === undefined)
        problems.push(`${where}: resources.${bound} needs cpu and memory`);
    }
    const security = item.securityContext;
    if (security?.runAsNonRoot !== true && pod.securityContext?.runAsNonRoot !== true)
      problems.push(`${where}: runAsNonRoot is not set`);
    if (security?.readOnlyRootFilesystem !== true) problems.push(`${where}: root file system is writable`);
    if (security?.allowPrivilegeEscalation !== false) problems.push(`${where}: privilege escalation allowed`);
  }
  return problems;
}

export function manifestProblems(objects: readonly K8sObject[], expected: ManifestExpectations): string[] {
  const problems: string[] = [];
  const deployments = ofKind(objects, 'Deployment', deployment);
  const byName = new Map(deployments.map((item) => [item.metadata.name, item]));
  const secrets = new Set([
    ...objects.filter((object) => object.kind === 'Secret').map((object) => object.metadata.name),
    ...ofKind(objects, 'ExternalSecret', externalSecret).map((item) => item.spec.target.name),
  ]);
  const configMaps = new Set(
    objects.filter((object) => object.kind === 'ConfigMap').map((object) => object.metadata.name),
  );

  for (const object of objects) {
    if (object.kind !== 'Namespace' && object.metadata.namespace !== expected.namespace)
      problems.push(`${object.kind} ${object.metadata.name}: not in namespace ${expected.namespace}`);
  }
  for (const name of expected.services) {
    if (!byName.has(name)) problems.push(`service ${name} has no Deployment`);
  }
  for (const target of deployments) {
    problems.push(...deploymentProblems(target));
    for (const source of target.spec.template.spec.containers.flatMap((item) => item.envFrom)) {
      if (source.secretRef !== undefined && !secrets.has(source.secretRef.name))
        problems.push(`Deployment ${target.metadata.name}: Secret ${source.secretRef.name} does not exist`);
      if (source.configMapRef !== undefined && !configMaps.has(source.configMapRef.name))
        problems.push(
          `Deployment ${target.metadata.name}: ConfigMap ${source.configMapRef.name} does not exist`,
        );
    }
  }

  const budgets = ofKind(objects, 'PodDisruptionBudget', selectorSpec);
  for (const target of deployments) {
    const covering = budgets.filter((budget) =>
      selects(budget.spec.selector.matchLabels, target.spec.template.metadata.labels),
    );
    if (covering.length !== 1)
      problems.push(
        `Deployment ${target.metadata.name}: ${String(covering.length)} PodDisruptionBudgets select it`,
      );
  }
  for (const budget of budgets) {
    const selected = deployments.filter((target) =>
      selects(budget.spec.selector.matchLabels, target.spec.template.metadata.labels),
    );
    if (selected.length !== 1)
      problems.push(
        `PodDisruptionBudget ${budget.metadata.name}: selects ${String(selected.length)} Deployments`,
      );
  }

  for (const item of ofKind(objects, 'Service', service)) {
    const selected = deployments.filter((target) =>
      selects(item.spec.selector, target.spec.template.metadata.labels),
    );
    if (selected.length !== 1) {
      problems.push(`Service ${item.metadata.name}: selects ${String(selected.length)} Deployments`);
      continue;
    }
    const ports = new Set(
      selected[0]?.spec.template.spec.containers.flatMap((c) =>
        c.ports.flatMap((p) => [p.name, p.containerPort]),
      ),
    );
    for (const port of item.spec.ports) {
      if (!ports.has(port.targetPort))
        problems.push(
          `Service ${item.metadata.name}: targetPort ${String(port.targetPort)} is not a container port`,
        );
    }
  }

  const authentications = ofKind(objects, 'TriggerAuthentication', triggerAuthentication);
  for (const auth of authentications) {
    for (const ref of auth.spec.secretTargetRef) {
      if (!secrets.has(ref.name))
        problems.push(`TriggerAuthentication ${auth.metadata.name}: Secret ${ref.name} does not exist`);
    }
  }
  const authenticationNames = new Set(authentications.map((auth) => auth.metadata.name));
  for (const scaler of ofKind(objects, 'ScaledObject', scaledObject)) {
    const name = `ScaledObject ${scaler.metadata.name}`;
    const target = byName.get(scaler.spec.scaleTargetRef.name);
    if (target === undefined) {
      problems.push(`${name}: Deployment ${scaler.spec.scaleTargetRef.name} does not exist`);
      continue;
    }
    const consumed = expected.consumedQueues(target.metadata.name, literalEnv(target));
    for (const trigger of scaler.spec.triggers) {
      if (trigger.type !== 'rabbitmq') continue;
      const { queueName, protocol, mode } = trigger.metadata;
      if (queueName === undefined || !consumed.includes(queueName))
        problems.push(`${name}: queue ${String(queueName)} is not one ${target.metadata.name} consumes`);
      if (protocol !== 'http' || mode !== 'QueueLength')
        problems.push(`${name}: rabbitmq trigger must use protocol http and mode QueueLength`);
      if (trigger.authenticationRef === undefined || !authenticationNames.has(trigger.authenticationRef.name))
        problems.push(
          `${name}: TriggerAuthentication ${String(trigger.authenticationRef?.name)} does not exist`,
        );
    }
  }
  return problems;
}
