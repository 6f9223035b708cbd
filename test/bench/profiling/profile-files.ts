// Finds the profiles `--cpu-prof` wrote into one directory and names each after its service process:
// Node's default file name is CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseProfile, type CpuProfile } from './profile-samples.ts';

export interface ProcessProfile {
  /** The service process's name, with the thread when it is not the main one. */
  name: string;
  file: string;
  profile: CpuProfile;
}

export async function readProfiles(
  dir: string,
  namesByPid: ReadonlyMap<number, string>,
): Promise<ProcessProfile[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.cpuprofile')).sort();
  const profiles: ProcessProfile[] = [];
  for (const file of files) {
    const match = /^CPU\.\d+\.\d+\.(\d+)\.(\d+)\.\d+\.cpuprofile$/.exec(file);
    const pid = Number(match?.[1]);
    const thread = Number(match?.[2]);
    const service = namesByPid.get(pid) ?? `pid ${pid}`;
    const name = thread === 0 ? service : `${service} (thread ${thread})`;
    const path = join(dir, file);
    profiles.push({ name, file: path, profile: parseProfile(JSON.parse(await readFile(path, 'utf8'))) });
  }
  return profiles.sort((a, b) => a.name.localeCompare(b.name));
}
