import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { spawnNode } from '@conveyor/test/support';
import { describeSupervisorEvent, type SupervisorEvent } from './supervisor-events.ts';
import { Supervisor, type SupervisorOptions } from './supervisor.ts';

const idle = ['-e', 'setInterval(() => {}, 1000)'];
const exitWith = (code: number) => ['-e', `process.exit(${code})`];

/** Records a supervisor's events; `next` resolves with the first (past or future) event that matches. */
function recorder() {
  const events: SupervisorEvent[] = [];
  const waiters: {
    matches: (event: SupervisorEvent) => boolean;
    resolve: (event: SupervisorEvent) => void;
  }[] = [];
  return {
    events,
    onEvent: (event: SupervisorEvent) => {
      events.push(event);
      for (const waiter of [...waiters])
        if (waiter.matches(event)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(event);
        }
    },
    next: <E extends SupervisorEvent>(matches: (event: SupervisorEvent) => event is E): Promise<E> => {
      const seen = events.find(matches);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve) => {
        waiters.push({ matches, resolve: (event) => resolve(event as E) });
      });
    },
  };
}

const startedNumber =
  (name: string, restarts: number) =>
  (event: SupervisorEvent): event is Extract<SupervisorEvent, { type: 'started' }> =>
    event.type === 'started' && event.name === name && event.restarts === restarts;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

let supervisor: Supervisor | undefined;
function supervise(options: SupervisorOptions): Supervisor {
  supervisor = new Supervisor({ stdio: 'ignore', ...options });
  return supervisor;
}

afterEach(async () => {
  vi.useRealTimers();
  await supervisor?.stop();
  supervisor = undefined;
});

describe('Supervisor', () => {
  it('restarts a process that crashes, waiting twice as long after each crash up to the maximum, and logs it', async () => {
    const events = recorder();
    supervise({ onEvent: events.onEvent, backoff: { initialMs: 100, maxMs: 400, stableAfterMs: 60_000 } });
    supervisor?.start({ name: 'crasher', nodeArgs: exitWith(3), env: process.env });

    await events.next(startedNumber('crasher', 4));

    const crashes = events.events.filter((event) => event.type === 'crashed');
    expect(crashes.slice(0, 4).map((crash) => crash.restartInMs)).toEqual([100, 200, 400, 400]);
    expect(crashes[0]?.exit).toEqual({ code: 3, signal: null });
    const lines = events.events.map(describeSupervisorEvent);
    expect(lines[0]).toMatch(/^\[supervisor\] crasher started \(pid \d+\)$/);
    expect(lines[3]).toMatch(
      /^\[supervisor\] crasher exited with code 3 after \d+\.\d s; restarting it in 0\.2 s, the other services keep running$/,
    );
    expect(lines[4]).toMatch(/^\[supervisor\] crasher restarted \(pid \d+, restart 2\)$/);
  });

  it('restarts a process killed with SIGKILL while the others keep running', async () => {
    const events = recorder();
    const running = supervise({
      onEvent: events.onEvent,
      backoff: { initialMs: 50, maxMs: 50, stableAfterMs: 60_000 },
    });
    running.start({ name: 'victim', nodeArgs: idle, env: process.env });
    running.start({ name: 'bystander', nodeArgs: idle, env: process.env });
    const victim = await events.next(startedNumber('victim', 0));
    const bystander = await events.next(startedNumber('bystander', 0));

    process.kill(victim.pid, 'SIGKILL');
    const back = await events.next(startedNumber('victim', 1));

    expect(events.events.find((event) => event.type === 'crashed')).toMatchObject({
      name: 'victim',
      exit: { code: null, signal: 'SIGKILL' },
    });
    expect(back.pid).not.toBe(victim.pid);
    expect(isAlive(back.pid)).toBe(true);
    expect(running.pid('bystander')).toBe(bystander.pid);
    expect(isAlive(bystander.pid)).toBe(true);
  });

  it('restarts nothing after stop(): a crashed process waiting for its restart stays down', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const events = recorder();
    const running = supervise({
      onEvent: events.onEvent,
      backoff: { initialMs: 1_000, maxMs: 1_000, stableAfterMs: 60_000 },
    });
    running.start({ name: 'crasher', nodeArgs: exitWith(3), env: process.env });
    await events.next((event): event is SupervisorEvent => event.type === 'crashed');

    await running.stop();
    vi.advanceTimersByTime(10_000);

    expect(running.pid('crasher')).toBeUndefined();
    expect(events.events.filter((event) => event.type === 'started')).toHaveLength(1);
  });

  it('leaves down a process that stopped by itself with code 0, or exited with a code a restart cannot cure', async () => {
    const events = recorder();
    const running = supervise({ onEvent: events.onEvent, permanentExitCodes: [78] });
    running.start({ name: 'clean', nodeArgs: exitWith(0), env: process.env });
    running.start({ name: 'misconfigured', nodeArgs: exitWith(78), env: process.env });

    const clean = await events.next(
      (event): event is SupervisorEvent => event.type === 'left-down' && event.name === 'clean',
    );
    const misconfigured = await events.next(
      (event): event is SupervisorEvent => event.type === 'left-down' && event.name === 'misconfigured',
    );

    expect(clean).toMatchObject({ reason: 'clean-exit' });
    expect(misconfigured).toMatchObject({ reason: 'permanent-exit-code', exit: { code: 78 } });
    expect(events.events.filter((event) => event.type === 'crashed')).toEqual([]);
    expect(describeSupervisorEvent(misconfigured)).toBe(
      '[supervisor] misconfigured exited with code 78, which a restart cannot cure; not restarting it',
    );
  });

  it('stop() ends every process, killing one that ignores SIGTERM after the grace period', async () => {
    const events = recorder();
    const running = supervise({ onEvent: events.onEvent, stopGraceMs: 100 });
    running.start({ name: 'polite', nodeArgs: idle, env: process.env });
    running.start({
      name: 'stubborn',
      nodeArgs: ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"],
      env: process.env,
    });
    const polite = await events.next(startedNumber('polite', 0));
    const stubborn = await events.next(startedNumber('stubborn', 0));

    await running.stop();

    expect(isAlive(polite.pid)).toBe(false);
    expect(isAlive(stubborn.pid)).toBe(false);
    expect(events.events.filter((event) => event.type !== 'started')).toEqual([]);
  });
});

describe('npm start on Ctrl-C or SIGTERM', () => {
  const fixture = fileURLToPath(new URL('test-fixtures/supervised-pair.ts', import.meta.url));
  // Whatever a failed test left running is killed, so that no idle child outlives the run.
  const spawned: number[] = [];
  afterEach(() => {
    for (const pid of spawned.splice(0).filter(isAlive)) process.kill(pid, 'SIGKILL');
  });

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'stops every supervised process on %s and exits 0',
    async (signal) => {
      const parent = spawnNode([fixture], { stdio: ['ignore', 'pipe', 'inherit'] });
      if (parent.pid !== undefined) spawned.push(parent.pid);
      const exited = once(parent, 'exit');
      if (parent.stdout === null) throw new Error('the fixture has no stdout pipe');
      const lines = createInterface({ input: parent.stdout });
      const [firstLine] = (await once(lines, 'line')) as [string];
      const pids = Object.values(JSON.parse(firstLine) as Record<string, number>);
      spawned.push(...pids);
      expect(pids).toHaveLength(2);
      expect(pids.every(isAlive)).toBe(true);

      parent.kill(signal);
      const [code] = (await exited) as [number | null];

      expect(code).toBe(0);
      expect(pids.filter(isAlive)).toEqual([]);
    },
    // The fixture loads the test rig (as npm start does), which takes seconds on a busy machine.
    30_000,
  );
});
