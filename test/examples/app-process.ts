// A long-running process of the example app (its worker), started like the e2e stack's services: the
// pinned Node, its log lines kept for a failing test's message, ready when its /readyz answers 200.
import { spawnNode, stopChildProcess } from '../support/index.ts';
import type { ServiceProcess } from '../e2e/service-process.ts';

export function startAppProcess(
  name: string,
  cwd: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  healthPort: number,
): ServiceProcess {
  const child = spawnNode(args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: string[] = [];
  const keep = (chunk: Buffer) => {
    logs.push(
      ...chunk
        .toString()
        .split('\n')
        .filter((line) => line !== ''),
    );
    if (logs.length > 2_000) logs.splice(0, logs.length - 2_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? code));
  });
  return {
    name,
    child,
    logs,
    healthUrl: `http://127.0.0.1:${String(healthPort)}`,
    exited,
    stop: () => stopChildProcess(child),
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
