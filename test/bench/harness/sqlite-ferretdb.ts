// A second MongoDB-wire backend for the inbox figures: a private FerretDB on SQLite, next to the
// rig's FerretDB on PostgreSQL, so the inbox is measured (and its limit shown) per backend.
import { freePort } from '../../e2e/service-process.ts';
import { startFerretdb, type StartedFerretdb } from '../../support/index.ts';

export async function startSqliteFerretdb(report: (line: string) => void): Promise<StartedFerretdb> {
  const port = await freePort();
  return startFerretdb({ listen: `127.0.0.1:${String(port)}`, sqlite: true, report });
}
