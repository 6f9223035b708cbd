// The dashboard's browser tests drive a real Chromium. `npm test` brings it the way it brings Node:
// when it is missing and this machine allows (root with apt-get), Debian's package is installed;
// otherwise the run stops before the tests with one line that says how, never skipping them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Where the browser tests look for Chromium: CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Undefined when Chromium is there (or was just installed); otherwise the one line that says how to get it. */
export function ensureChromium(log: (line: string) => void): string | undefined {
  const path = chromiumPath();
  if (existsSync(path)) return undefined;
  const howTo = `the dashboard's browser tests need Chromium at ${path}: run 'sudo apt-get install -y chromium' or set CHROMIUM_PATH`;
  if (process.env.CHROMIUM_PATH !== undefined) return howTo;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return howTo;
  log(`${path} is missing: installing Debian's chromium (apt-get) for the dashboard's browser tests`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env })
      .status === 0;
  // A machine that never fetched the package lists needs them first.
  if (!install()) {
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    install();
  }
  return existsSync(path) ? undefined : `installing chromium with apt-get failed (see above); ${howTo}`;
}
