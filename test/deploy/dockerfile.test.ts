// deploy/docker/Dockerfile checked statically: a multi-stage build on Node 24 whose runtime stage runs
// as a non-root user any service it is told to. The image itself is built and run by
// test/docker/production-image.test.ts.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const dockerfile = readFileSync(new URL('deploy/docker/Dockerfile', root), 'utf8');
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));
const stages = instructions.filter((line) => line.startsWith('FROM '));
const runtime = instructions.slice(instructions.lastIndexOf(stages.at(-1) ?? ''));

describe('deploy/docker/Dockerfile', () => {
  it('builds in stages on the pinned Node 24 image', () => {
    expect(stages).toHaveLength(2);
    expect(instructions.find((line) => line.startsWith('ARG NODE_IMAGE='))).toMatch(
      /^ARG NODE_IMAGE=node:24\.\d+\.\d+-/,
    );
    for (const stage of stages) expect(stage).toMatch(/^FROM \$\{NODE_IMAGE\} AS \w+$/);
  });

  it('runs as the unprivileged node user in its final stage', () => {
    const users = runtime.filter((line) => line.startsWith('USER '));
    expect(users).toEqual(['USER node']);
  });

  it('installs production dependencies only, without install scripts', () => {
    const install = instructions.find((line) => line.startsWith('RUN npm ci'));
    expect(install).toContain('--omit=dev');
    expect(install).toContain('--ignore-scripts');
  });

  it('starts OpenTelemetry by the preload for any command, through NODE_OPTIONS', () => {
    const env = runtime.filter((line) => line.startsWith('ENV ')).join(' ');
    expect(env).toMatch(/NODE_OPTIONS="[^"]*--import=@conveyor\/telemetry\/preload[^"]*"/);
  });

  it('starts whichever service SERVICE names, with node as PID 1', () => {
    expect(runtime.at(-1)).toBe('CMD ["sh", "-c", "exec node services/${SERVICE}/src/main.ts"]');
    const services = readdirSync(new URL('services/', root)).filter(
      (name) => name !== 'cli' && existsSync(new URL(`services/${name}/src/main.ts`, root)),
    );
    expect(services).toContain('dashboard');
    // Everything a service imports is in libs/ and services/, both copied into the image.
    expect(instructions).toContain('COPY libs libs');
    expect(instructions).toContain('COPY services services');
  });
});
