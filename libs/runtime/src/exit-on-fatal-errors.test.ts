import { afterEach, describe, expect, it } from 'vitest';
import { isJsonLine, killTestProcesses, parseLines, runTestProcess } from './test-processes/run-process.ts';

// Each test starts a Node process, which takes seconds on a busy machine.
describe('exitOnFatalErrors', { timeout: 30_000 }, () => {
  afterEach(killTestProcesses);

  it('logs an unhandled rejection as one JSON line, secrets masked, and exits 70', async () => {
    const process = runTestProcess('fatal-error', { FAIL: 'rejection' });

    expect(await process.exited).toBe(70);
    expect(process.lines.filter((line) => !isJsonLine(line))).toEqual([]);
    const [fatal, ...rest] = parseLines(process.lines);
    expect(rest).toEqual([]);
    expect(fatal).toMatchObject({
      level: 'fatal',
      service: 'fatal-error-process',
      origin: 'unhandledRejection',
      exitCode: 70,
      msg: expect.stringContaining('rejected while holding cvk_abcdefgh_[Redacted]') as unknown,
    });
    expect(process.lines.join('\n')).not.toContain('SECRET');
  });

  it('logs an uncaught exception the same way', async () => {
    const process = runTestProcess('fatal-error', { FAIL: 'exception' });

    expect(await process.exited).toBe(70);
    expect(process.lines.filter((line) => !isJsonLine(line))).toEqual([]);
    expect(parseLines(process.lines)).toEqual([
      expect.objectContaining({
        level: 'fatal',
        origin: 'uncaughtException',
        err: expect.objectContaining({ message: 'thrown while holding cvk_abcdefgh_[Redacted]' }) as unknown,
      }),
    ]);
  });

  it('exits 69 when a dependency was unavailable, naming it without its password', async () => {
    const process = runTestProcess('fatal-error', { FAIL: 'unavailable' });

    expect(await process.exited).toBe(69);
    expect(parseLines(process.lines)).toEqual([
      expect.objectContaining({
        level: 'fatal',
        exitCode: 69,
        err: expect.objectContaining({ code: 'DEPENDENCY_UNAVAILABLE' }) as unknown,
        msg: 'exiting (69): start-up failed: the broker at amqp://conveyor:[Redacted]@127.0.0.1:1 is unavailable: ECONNREFUSED',
      }),
    ]);
    expect(process.lines.join('\n')).not.toContain('hunter2');
  });
});
