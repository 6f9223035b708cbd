// FerretDB's storage for the test server: the local PostgreSQL when one answers (SQLite allows one
// writer and locks under load), else SQLite in a fresh temporary directory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable } from './find-executable.ts';
import { processLives } from './process-lives.ts';
import { runCommand } from './run-command.ts';
import { postgresAnswers } from './server-probes.ts';

const POSTGRES_HOST = '127.0.0.1';
const POSTGRES_PORT = '5432';
const POSTGRES_USER = 'postgres';
const DATABASE = 'conveyor_test';
/** Per-run databases are named `<prefix><pid>`: one left by a run that was killed is dropped later. */
const RUN_DATABASE_PREFIX = 'conveyor_test_run_';

export interface FerretdbBackend {
  /** conveyor-ferretdb flags selecting the backend. */
  readonly args: readonly string[];
  readonly how: string;
  dispose(): Promise<void>;
}

const POOL_MAX_CONNS = 16;

export interface FerretdbBackendOptions {
  /**
   * A PostgreSQL database of its own (created, and dropped on dispose), for a private server that a
   * fault test may pause; default the shared `conveyor_test`, kept.
   */
  readonly privateDatabase?: string;
  /** A PostgreSQL database to use and keep (created when missing), instead of `conveyor_test`. */
  readonly database?: string;
  /** SQLite even when PostgreSQL answers (the benchmarks compare both backends). */
  readonly sqlite?: boolean;
  /**
   * PostgreSQL connections opened at start and kept (pool_min_conns = pool_max_conns), instead of up to
   * 16 opened on demand: the fault suite's private server, whose clients are killed under load.
   */
  readonly fixedPoolSize?: number;
}

export async function chooseFerretdbBackend(options: FerretdbBackendOptions = {}): Promise<FerretdbBackend> {
  if (options.sqlite === true) return sqliteBackend('asked for');
  const database = options.privateDatabase ?? options.database ?? DATABASE;
  assertDatabaseName(database);
  const postgresUrl = `postgres://${POSTGRES_USER}@${POSTGRES_HOST}:${POSTGRES_PORT}`;
  if (!(await postgresAnswers(postgresUrl))) return sqliteBackend('no PostgreSQL answers on 127.0.0.1:5432');
  try {
    await ensureDatabase(database);
    await indexLookupKeys(database);
  } catch (error) {
    return sqliteBackend(
      `PostgreSQL answers but database ${database} could not be prepared: ${String(error)}`,
    );
  }
  return {
    // FerretDB opens up to 50 PostgreSQL connections per server by default: two servers side by side
    // (the shared one and a fault test's private one) would exhaust PostgreSQL's 100.
    args: ['-postgresql-url', `${postgresUrl}/${database}?${poolParameters(options.fixedPoolSize)}`],
    how: `PostgreSQL backend, database ${database} on ${POSTGRES_HOST}:${POSTGRES_PORT}`,
    dispose: () => (options.privateDatabase === undefined ? Promise.resolve() : dropDatabase(database)),
  };
}

function poolParameters(fixedPoolSize: number | undefined): string {
  if (fixedPoolSize === undefined) return `pool_max_conns=${String(POOL_MAX_CONNS)}`;
  return `pool_min_conns=${String(fixedPoolSize)}&pool_max_conns=${String(fixedPoolSize)}`;
}

async function sqliteBackend(why: string): Promise<FerretdbBackend> {
  const dir = await mkdtemp(join(tmpdir(), 'conveyor-ferretdb-sqlite-'));
  return {
    args: ['-sqlite-dir', dir],
    how: `SQLite backend in ${dir} (${why})`,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** psql on `database` (default the maintenance database), quiet, never asking for a password. */
async function psqlCommand(
  database = 'postgres',
): Promise<{ psql: string; base: string[]; env: NodeJS.ProcessEnv }> {
  const psql = await findExecutable('psql');
  if (psql === undefined) throw new Error('psql is not installed');
  const base = [
    '-w',
    '-X',
    '-q',
    '-h',
    POSTGRES_HOST,
    '-p',
    POSTGRES_PORT,
    '-U',
    POSTGRES_USER,
    '-d',
    database,
  ];
  return { psql, base, env: { ...process.env, PGCONNECT_TIMEOUT: '5' } };
}

/**
 * The test rig's FerretDB for one run: `CONVEYOR_TEST_PG_DATABASE` names a database to use and keep;
 * otherwise the run gets one of its own, dropped when the run stops.
 */
export function testRunDatabase(
  env: NodeJS.ProcessEnv = process.env,
): Pick<FerretdbBackendOptions, 'database' | 'privateDatabase'> {
  const named = env.CONVEYOR_TEST_PG_DATABASE;
  if (named !== undefined && named !== '') {
    assertDatabaseName(named);
    return { database: named };
  }
  return { privateDatabase: `${RUN_DATABASE_PREFIX}${String(process.pid)}` };
}

/**
 * VACUUM (ANALYZE), then a CHECKPOINT, of one PostgreSQL database behind FerretDB, for a benchmark after its bulk load of
 * history: a database that gathered that history over months has had autovacuum keep up with it all
 * along (GIN pending lists merged, visibility map and statistics current), and what is measured should
 * be that steady state, not autovacuum catching up with a load written in minutes.
 */
export async function vacuumPostgresDatabase(database: string): Promise<void> {
  assertDatabaseName(database);
  const { psql, base, env } = await psqlCommand(database);
  await runCommand(psql, [...base, '-v', 'ON_ERROR_STOP=1', '-c', 'VACUUM (ANALYZE)'], { env });
  // The load and the vacuum dirtied most of the data: written out now, not by a checkpoint mid-round.
  await runCommand(psql, [...base, '-v', 'ON_ERROR_STOP=1', '-c', 'CHECKPOINT'], { env });
}

/** Drops the per-run databases of runs whose process is gone (killed before they could drop theirs). */
export async function dropAbandonedRunDatabases(): Promise<string[]> {
  const { psql, base, env } = await psqlCommand();
  const listed = await runCommand(
    psql,
    [...base, '-tAc', `SELECT datname FROM pg_database WHERE datname LIKE '${RUN_DATABASE_PREFIX}%'`],
    { env },
  );
  const abandoned = listed
    .split('\n')
    .map((line) => line.trim())
    .filter((name) => name !== '' && !processLives(Number(name.slice(RUN_DATABASE_PREFIX.length))));
  for (const name of abandoned) await dropDatabase(name);
  return abandoned;
}

/** Names go into SQL unquoted: only what PostgreSQL takes as a plain identifier. */
function assertDatabaseName(name: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name))
    throw new Error(
      `CONVEYOR_TEST_PG_DATABASE: ${JSON.stringify(name)} is not a plain lower-case PostgreSQL name`,
    );
}

/**
 * FerretDB 1.24 answers every equality filter with `_jsonb->'key' @> value`, which no btree index
 * serves: each `_id` lookup reads the whole table, so lookups slow down as collections grow. MongoDB
 * serves them from indexes. An event trigger gives
 * every table FerretDB creates a GIN index (which does serve `@>`) on the keys Conveyor looks up by:
 * `_id`, and `messageId` (the inbox, step retries). FerretDB keeps its own index list and never sees these.
 * Found in a fault run: these lookups, scanning, were most of PostgreSQL's work.
 */
async function indexLookupKeys(database: string): Promise<void> {
  const { psql, base, env } = await psqlCommand(database);
  await runCommand(psql, [...base, '-v', 'ON_ERROR_STOP=1', '-c', lookupIndexTriggerSql], { env });
  // FerretDB's statements name the key as a parameter (`_jsonb->$1`): a cached generic plan cannot match
  // an index on `_jsonb->'_id'` and scans the table, so every execution is planned with its values.
  await runCommand(
    psql,
    [...base, '-c', `ALTER DATABASE ${database} SET plan_cache_mode = force_custom_plan`],
    { env },
  );
}

const lookupIndexTriggerSql = `
SET client_min_messages = warning;
CREATE OR REPLACE FUNCTION conveyor_index_lookup_keys() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
  created record;
  lookup_key text;
BEGIN
  FOR created IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE object_type = 'table' LOOP
    CONTINUE WHEN NOT EXISTS (
      SELECT 1 FROM pg_attribute WHERE attrelid = created.objid AND attname = '_jsonb' AND NOT attisdropped
    );
    FOREACH lookup_key IN ARRAY ARRAY['_id', 'messageId'] LOOP
      EXECUTE format('CREATE INDEX ON %s USING gin ((_jsonb -> %L) jsonb_path_ops)', created.objid::regclass, lookup_key);
    END LOOP;
  END LOOP;
END $$;
DROP EVENT TRIGGER IF EXISTS conveyor_index_lookup_keys;
CREATE EVENT TRIGGER conveyor_index_lookup_keys ON ddl_command_end WHEN TAG IN ('CREATE TABLE')
  EXECUTE FUNCTION conveyor_index_lookup_keys();
`;

async function dropDatabase(name: string): Promise<void> {
  const { psql, base, env } = await psqlCommand();
  await runCommand(psql, [...base, '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { env });
}

async function ensureDatabase(name: string): Promise<void> {
  const { psql, base, env } = await psqlCommand();
  const exists = async (): Promise<boolean> =>
    (
      await runCommand(psql, [...base, '-tAc', `SELECT 1 FROM pg_database WHERE datname = '${name}'`], {
        env,
      })
    ).trim() === '1';
  if (await exists()) return;
  try {
    await runCommand(psql, [...base, '-c', `CREATE DATABASE ${name}`], { env });
  } catch (error) {
    // Another run may have created it between our check and our CREATE.
    if (!(await exists())) throw error;
  }
}
