// docker-compose.yml checked statically: every service of this repository is in it, runs its own entry
// point, gets an environment its config accepts, has a health check on its own port and is scraped by
// Prometheus; the local-images override replaces every public image. The stack itself runs in
// test/docker/compose-stack.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LOCAL_IMAGES } from '../support/docker/index.ts';
import { z } from 'zod';
import { loadConfig } from '@conveyor/config';
import { stopHandBackMs } from '@conveyor/runtime';
import { serviceConfigSchemas } from './service-config-schemas.ts';
import { readBrokerDefinitions } from '../support/index.ts';

const root = new URL('../../', import.meta.url);
const compose = z
  .object({
    services: z.record(
      z.string(),
      z.object({
        command: z.array(z.string()).optional(),
        environment: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
        volumes: z.array(z.string()).optional(),
        build: z.object({ context: z.string(), dockerfile: z.string() }).optional(),
        image: z.string().optional(),
        stop_grace_period: z.string().optional(),
        healthcheck: z.object({ test: z.array(z.string()) }).optional(),
        profiles: z.array(z.string()).optional(),
      }),
    ),
  })
  .parse(parse(readFileSync(new URL('docker-compose.yml', root), 'utf8'), { merge: true }));

const configSchemas = serviceConfigSchemas;

/** Packages under services/ that are commands run by people, not processes of the stack. */
const commands = new Set(['cli']);

const repositoryServices = readdirSync(new URL('services/', root)).filter(
  (name) => !commands.has(name) && existsSync(new URL(`services/${name}/src/main.ts`, root)),
);

describe('docker-compose.yml', () => {
  it('runs every service of the repository from its own entry point', () => {
    for (const service of repositoryServices) {
      expect(compose.services[service]?.command, service).toEqual([
        'node',
        `services/${service}/src/main.ts`,
      ]);
    }
  });

  it.each(Object.keys(configSchemas))(
    'gives %s an environment its config accepts, with no unknown variable',
    (service) => {
      const schema = configSchemas[service];
      const environment = compose.services[service]?.environment ?? {};
      if (schema === undefined) throw new Error(`no config schema for ${service}`);
      const known = new Set(Object.keys(schema.shape));
      expect(Object.keys(environment).filter((name) => !known.has(name))).toEqual([]);
      const env = Object.fromEntries(
        Object.entries(environment).map(([name, value]) => [name, String(value)]),
      );
      expect(() => loadConfig(schema, env)).not.toThrow();
    },
  );

  it.each(Object.keys(configSchemas))(
    'gives %s a stop grace period longer than its stop budget and the hand-back after it',
    (service) => {
      const schema = configSchemas[service];
      if (schema === undefined) throw new Error(`no config schema for ${service}`);
      const definition = compose.services[service];
      const env = Object.fromEntries(
        Object.entries(definition?.environment ?? {}).map(([name, value]) => [name, String(value)]),
      );
      const budgetMs = z.number().parse(loadConfig(schema, env).SHUTDOWN_TIMEOUT_MS);
      // Docker's default when a service does not set it.
      const grace = /^(\d+)s$/.exec(definition?.stop_grace_period ?? '10s');
      expect(grace, `${service}: stop_grace_period in seconds`).not.toBeNull();
      expect(Number(grace?.[1]) * 1000, service).toBeGreaterThan(budgetMs + stopHandBackMs);
    },
  );

  it('mounts only files that exist, and builds from a Dockerfile that exists', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0] ?? '';
        if (source.startsWith('./'))
          expect(existsSync(new URL(source.slice(2), root)), `${name}: ${source}`).toBe(true);
      }
      if (service.build !== undefined)
        expect(existsSync(new URL(service.build.dockerfile, root)), name).toBe(true);
    }
  });

  describe('credentials', () => {
    const serviceEnvironments = Object.keys(configSchemas).map((name) => {
      const environment = compose.services[name]?.environment ?? {};
      return {
        name,
        amqp: new URL(String(environment.AMQP_URL ?? '')),
        mongo: new URL(String(environment.MONGO_URL ?? '')),
      };
    });
    const serviceRoles = z
      .object({
        database: z.string(),
        roles: z.record(z.string(), z.record(z.string(), z.array(z.string()))),
      })
      .parse(JSON.parse(readFileSync(new URL('deploy/mongo/service-roles.json', root), 'utf8')));

    it('connects no service to RabbitMQ as guest: each uses its own user from the broker definitions', async () => {
      const definitions = await readBrokerDefinitions();
      for (const { name, amqp } of serviceEnvironments) {
        expect(amqp.username, name).not.toBe('guest');
        expect(amqp.username, name).toBe(name);
        const user = definitions.users.find((candidate) => candidate.name === amqp.username);
        expect(user?.password, `${name}: password of its broker user`).toBe(
          decodeURIComponent(amqp.password),
        );
        expect(user?.tags, name).toEqual([]);
      }
    });

    it('gives every service its own MongoDB user, with a role limited to named collections', () => {
      for (const { name, mongo } of serviceEnvironments) {
        expect(mongo.username, name).toBe(name);
        expect(mongo.password, name).toBe(`${name}-local-dev-only`);
        expect(mongo.searchParams.get('authSource'), name).toBe(serviceRoles.database);
        const collections = serviceRoles.roles[name] ?? {};
        expect(Object.keys(collections).length, name).toBeGreaterThan(0);
        for (const actions of Object.values(collections)) {
          for (const action of actions)
            expect(['find', 'insert', 'update', 'remove', 'createIndex']).toContain(action);
        }
      }
    });

    it('creates the MongoDB users as root from the environment, with a marked local default', () => {
      const mongo = compose.services.mongo?.environment ?? {};
      expect(mongo.MONGO_INITDB_ROOT_USERNAME).toBe('${MONGO_ROOT_USERNAME:-root}');
      expect(String(mongo.MONGO_INITDB_ROOT_PASSWORD)).toMatch(
        /^\$\{MONGO_ROOT_PASSWORD:-.*local-dev-only\}$/,
      );
      expect(compose.services['mongo-init']?.volumes).toContain(
        './deploy/mongo/service-roles.json:/service-roles.json:ro',
      );
    });
  });

  describe('health and metrics', () => {
    /** The port each service serves /healthz and /metrics on: its PORT, else HEALTH_PORT, with defaults. */
    const healthPorts = Object.fromEntries(
      Object.keys(configSchemas).map((service) => {
        const schema = configSchemas[service];
        if (schema === undefined) throw new Error(`no config schema for ${service}`);
        const env = Object.fromEntries(
          Object.entries(compose.services[service]?.environment ?? {}).map(([name, value]) => [
            name,
            String(value),
          ]),
        );
        const config = z
          .object({ PORT: z.number().optional(), HEALTH_PORT: z.number().optional() })
          .parse(loadConfig(schema, env));
        return [service, config.PORT ?? config.HEALTH_PORT];
      }),
    );

    it.each(repositoryServices)('checks the health of %s at /healthz on its own port', (service) => {
      const test = compose.services[service]?.healthcheck?.test.join(' ') ?? '';
      expect(test).toContain(`http://127.0.0.1:${String(healthPorts[service])}/healthz`);
      expect(test).toContain('deploy/docker/healthcheck.mjs');
    });

    it('waits for NATS to be healthy before starting a service', () => {
      expect(compose.services.nats?.healthcheck?.test.join(' ')).toContain('/healthz');
      const raw = parse(readFileSync(new URL('docker-compose.yml', root), 'utf8'), { merge: true }) as {
        services: Record<string, { depends_on?: Record<string, { condition: string }> }>;
      };
      for (const service of repositoryServices)
        expect(raw.services[service]?.depends_on?.nats?.condition, service).toBe('service_healthy');
    });

    it('has Prometheus scrape every service on the port of its /metrics', () => {
      const scrape = z
        .object({
          scrape_configs: z.array(
            z.object({
              job_name: z.string(),
              static_configs: z.array(z.object({ targets: z.array(z.string()) })).optional(),
              dns_sd_configs: z.array(z.object({ names: z.array(z.string()), port: z.number() })).optional(),
            }),
          ),
        })
        .parse(parse(readFileSync(new URL('deploy/prometheus/prometheus.yml', root), 'utf8')));
      const targets = scrape.scrape_configs.flatMap((job) => [
        ...(job.static_configs ?? []).flatMap((config) => config.targets),
        ...(job.dns_sd_configs ?? []).flatMap((config) =>
          config.names.map((name) => `${name}:${String(config.port)}`),
        ),
      ]);
      for (const service of repositoryServices)
        expect(targets).toContain(`${service}:${String(healthPorts[service])}`);
      expect(compose.services.prometheus?.volumes).toContain(
        './deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro',
      );
    });
  });

  describe('deploy/compose/local-images.yml', () => {
    // Compose's !reset and !override only say how the override merges; their values are what matters here.
    const override = z
      .object({
        services: z.record(
          z.string(),
          z.object({ image: z.string().optional(), profiles: z.array(z.string()).optional() }).nullable(),
        ),
      })
      .parse(
        parse(
          readFileSync(new URL('deploy/compose/local-images.yml', root), 'utf8').replace(
            /!(reset|override) /g,
            '',
          ),
          {
            merge: true,
          },
        ),
      );
    const localTags = new Set([
      ...Object.values(LOCAL_IMAGES).map((image) => image.tag),
      'conveyor-local/debian:13',
    ]);

    it('replaces every public image with one the project builds, or leaves its service out', () => {
      for (const [name, service] of Object.entries(compose.services)) {
        if (service.image === undefined || service.image === LOCAL_IMAGES.service.tag) continue;
        const local = override.services[name];
        if (local?.profiles?.includes('registry-only')) continue;
        expect(local?.image, `${name} (${service.image})`).toBeDefined();
        expect(localTags.has(local?.image ?? ''), `${name}: ${String(local?.image)}`).toBe(true);
      }
    });
  });
});
