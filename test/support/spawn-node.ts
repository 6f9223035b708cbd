// Starts a Node child with the Node that runs this process (the pinned Node 24), never a
// `#!/usr/bin/env node` that would find whatever `node` the PATH offers.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** `args` are Node's arguments: flags, then the script path and its arguments. */
export function spawnNode(args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, args, options);
}
