import { afterEach, describe, expect, it } from 'vitest';
import {
  isJsonLine,
  killTestProcesses,
  parseLines,
  runTestProcess,
  type TestProcess,
} from './test-processes/run-process.ts';

async function untilReady(process: TestProcess): Promise<void> {
  const ready = () => parseLines(process.lines).some((line) => line.msg === 'ready');
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (ready()) resolve();
    };
    process.child.stdout?.on('data', check);
    void process.exited.then(() => {
      reject(new Error(`exited before it was ready:\n${process.lines.join('\n')}`));
    });
    check();
  });
}

// Each test starts a Node process, which takes seconds on a busy machine.
describe('stopOnSignals', { timeout: 30_000 }, () => {
  afterEach(killTestProcesses);

  it('exits 0 once the stop has ended', async () => {
    const process = runTestProcess('stop-on-signals', { STOP: 'ends' });
    await untilReady(process);

    process.child.kill('SIGTERM');

    expect(await process.exited).toBe(0);
    // The logger writes asynchronously and flushes what is left at exit: lines may arrive out of order.
    expect(parseLines(process.lines).map((line) => line.msg)).toEqual(
      expect.arrayContaining(['ready', 'stopping: finishing in-flight work', 'stopped']),
    );
  });

  it('exits 1 with a JSON line when the stop has not ended within its budget and the hand-back time', async () => {
    const process = runTestProcess('stop-on-signals', { STOP: 'hangs' });
    await untilReady(process);

    process.child.kill('SIGTERM');

    expect(await process.exited).toBe(1);
    expect(process.lines.filter((line) => !isJsonLine(line))).toEqual([]);
    expect(parseLines(process.lines)).toContainEqual(
      expect.objectContaining({
        level: 'error',
        shutdownTimeoutMs: 100,
        exitCode: 1,
        msg: 'stop did not end within 200 ms; exiting with work unfinished',
      }),
    );
  });
});
