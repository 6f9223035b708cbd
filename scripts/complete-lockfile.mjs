// The registry reachable here does not serve turbo's macOS and Windows binaries, so `npm install`
// writes a lockfile without them and `npm ci` then refuses it ("Missing: @turbo/darwin-64").
// This restores those optional, platform-bound entries (never installed on Linux). Idempotent;
// plain JS so it runs under the system Node before dependencies exist.
import { readFileSync, writeFileSync } from 'node:fs';

const platformPackages = {
  '@turbo/darwin-64': { os: ['darwin'], cpu: ['x64'] },
  '@turbo/darwin-arm64': { os: ['darwin'], cpu: ['arm64'] },
  '@turbo/windows-64': { os: ['win32'], cpu: ['x64'] },
  '@turbo/windows-arm64': { os: ['win32'], cpu: ['arm64'] },
};

export function completeLockfile(path) {
  const lock = JSON.parse(readFileSync(path, 'utf8'));
  const packages = lock.packages ?? {};
  let added = 0;
  for (const entry of Object.values(packages)) {
    for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
      const platform = platformPackages[name];
      const target = `node_modules/${name}`;
      if (platform === undefined || packages[target] !== undefined) continue;
      packages[target] = { version, dev: entry.dev === true, optional: true, ...platform };
      added += 1;
    }
  }
  if (added > 0) writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
  return added;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const added = completeLockfile(process.argv[2] ?? 'package-lock.json');
  process.stdout.write(`complete-lockfile: ${added} platform entr${added === 1 ? 'y' : 'ies'} added\n`);
}
