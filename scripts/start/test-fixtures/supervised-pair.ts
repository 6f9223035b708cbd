// Test fixture for supervisor.test.ts: two idle children under a Supervisor, wired to Shutdown and the
// signals the way scripts/start.ts is. Prints one JSON line with their pids once both run.
import { Shutdown } from '../shutdown.ts';
import { Supervisor } from '../supervisor.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const shutdown = new Shutdown(say);
const pids = new Map<string, number>();
const supervisor = new Supervisor({
  stdio: 'ignore',
  onEvent: (event) => {
    if (event.type !== 'started') return;
    pids.set(event.name, event.pid);
    if (pids.size === 2) say(JSON.stringify(Object.fromEntries(pids)));
  },
});
shutdown.defer('the children', () => supervisor.stop());
shutdown.exitOnSignals();
for (const name of ['first', 'second'])
  supervisor.start({ name, nodeArgs: ['-e', 'setInterval(() => {}, 1000)'], env: process.env });
