import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { spawnNode } from './spawn-node.ts';
import { stopChildProcess } from './stop-child-process.ts';

describe('spawnNode', () => {
  it('runs the child on the same Node as this process, not the one PATH finds', async () => {
    const child = spawnNode(['-e', 'process.stdout.write(process.version)'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, PATH: '' },
    });
    let output = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    await once(child, 'exit');
    expect(child.exitCode).toBe(0);
    expect(output).toBe(process.version);
  });
});

describe('stopChildProcess', () => {
  it('ends a running child and resolves once it has exited', async () => {
    const child = spawnNode(['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await once(child, 'spawn');
    await stopChildProcess(child);
    expect(child.signalCode).toBe('SIGTERM');
  });

  it('kills a child that ignores SIGTERM once the grace period is over', async () => {
    const child = spawnNode(
      ['-e', "process.on('SIGTERM', () => {}); process.stdout.write('armed'); setInterval(() => {}, 1000)"],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    await once(child.stdout ?? child, 'data');
    await stopChildProcess(child, 50);
    expect(child.signalCode).toBe('SIGKILL');
  });

  it('returns at once for a child that has already exited', async () => {
    const child = spawnNode(['-e', ''], { stdio: 'ignore' });
    await once(child, 'exit');
    await stopChildProcess(child);
    expect(child.exitCode).toBe(0);
  });
});
