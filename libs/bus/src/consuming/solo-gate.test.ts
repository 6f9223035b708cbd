import { describe, expect, it } from 'vitest';
import { SoloGate } from './solo-gate.ts';

/** A piece of work that records when it starts and ends only when told to. */
function heldWork(name: string, log: string[]) {
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  return {
    run: async () => {
      log.push(`start ${name}`);
      markStarted();
      await finished;
      log.push(`end ${name}`);
    },
    started,
    finish,
  };
}

describe('solo gate', () => {
  it('runs ordinary handlers side by side', async () => {
    const gate = new SoloGate();
    const log: string[] = [];
    const a = heldWork('a', log);
    const b = heldWork('b', log);
    const running = [gate.beside(a.run), gate.beside(b.run)];
    await Promise.all([a.started, b.started]);
    expect(log).toEqual(['start a', 'start b']);
    a.finish();
    b.finish();
    await Promise.all(running);
  });

  it('starts a suspect only once the handlers running before it have finished', async () => {
    const gate = new SoloGate();
    const log: string[] = [];
    const a = heldWork('a', log);
    const suspect = heldWork('suspect', log);
    const running = [gate.beside(a.run), gate.alone(suspect.run)];
    await a.started;
    await Promise.resolve();
    expect(log).toEqual(['start a']);
    a.finish();
    await suspect.started;
    suspect.finish();
    await Promise.all(running);
    expect(log).toEqual(['start a', 'end a', 'start suspect', 'end suspect']);
    expect(gate.ranAlone).toBe(1);
  });

  it('holds handlers that arrive after a waiting suspect until it has run', async () => {
    const gate = new SoloGate();
    const log: string[] = [];
    const a = heldWork('a', log);
    const suspect = heldWork('suspect', log);
    const b = heldWork('b', log);
    const c = heldWork('c', log);
    const running = [gate.beside(a.run), gate.alone(suspect.run), gate.beside(b.run), gate.beside(c.run)];
    await a.started;
    a.finish();
    await suspect.started;
    expect(log).toEqual(['start a', 'end a', 'start suspect']);
    suspect.finish();
    await Promise.all([b.started, c.started]);
    b.finish();
    c.finish();
    await Promise.all(running);
    expect(log.slice(0, 5)).toEqual(['start a', 'end a', 'start suspect', 'end suspect', 'start b']);
  });

  it('runs two suspects one after the other, and lets the gate go when a suspect fails', async () => {
    const gate = new SoloGate();
    const log: string[] = [];
    const first = gate.alone(() => Promise.reject(new Error('crash suspect failed')));
    const second = heldWork('second', log);
    const secondRun = gate.alone(second.run);
    await expect(first).rejects.toThrow('crash suspect failed');
    await second.started;
    second.finish();
    await secondRun;
    const after = heldWork('after', log);
    const afterRun = gate.beside(after.run);
    await after.started;
    after.finish();
    await afterRun;
    expect(log).toEqual(['start second', 'end second', 'start after', 'end after']);
  });
});
