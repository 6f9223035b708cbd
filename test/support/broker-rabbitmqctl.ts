// Where the local node's rabbitmqctl is: every broker change the rig and `npm start` make goes through
// it, because the management plugin (and its HTTP API) is not enabled on the development machines.
import { findExecutable } from './find-executable.ts';

export async function canLoadBrokerDefinitions(): Promise<boolean> {
  return (await findExecutable('rabbitmqctl')) !== undefined;
}

export async function rabbitmqctlPath(): Promise<string> {
  const path = await findExecutable('rabbitmqctl');
  if (path === undefined) throw new Error('rabbitmqctl is not installed: the broker users cannot be loaded');
  return path;
}
