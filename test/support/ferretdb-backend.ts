// FerretDB's storage for the test server: the local PostgreSQL when one answers (SQLite allows one
// writer and locks under load), else SQLite in a fresh temporary directory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable } from './find-executable.ts';
import { runCommand } from './run-command.ts';
import { postgresAnswers } from './server-probes.ts';

const POSTGRES_HOST = '127.0.0.1';
const POSTGRES_PORT = '5432';
const POSTGRES_USER = 'postgres';
const DATABASE = 'conveyor_test';

export interface FerretdbBackend {
  /** conveyor-ferretdb flags selecting the backend. */
  readonly args: readonly string[];
  readonly how: string;
  dispose(): Promise<void>;
}

export async function chooseFerretdbBackend(): Promise<FerretdbBackend> {
  const postgresUrl = `postgres://${POSTGRES_USER}@${POSTGRES_HOST}:${POSTGRES_PORT}`;
  if (!(await postgresAnswers(postgresUrl))) return sqliteBackend('no PostgreSQL answers on 127.0.0.1:5432');
  try {
    await ensureDatabase(DATABASE);
  } catch (error) {
    return sqliteBackend(
      `PostgreSQL answers but database ${DATABASE} could not be prepared: ${String(error)}`,
    );
  }
  return {
    args: ['-postgresql-url', `${postgresUrl}/${DATABASE}`],
    how: `PostgreSQL backend, database ${DATABASE} on ${POSTGRES_HOST}:${POSTGRES_PORT}`,
    dispose: () => Promise.resolve(),
  };
}

async function sqliteBackend(why: string): Promise<FerretdbBackend> {
  const dir = await mkdtemp(join(tmpdir(), 'conveyor-ferretdb-sqlite-'));
  return {
    args: ['-sqlite-dir', dir],
    how: `SQLite backend in ${dir} (${why})`,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

async function ensureDatabase(name: string): Promise<void> {
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
    'postgres',
  ];
  const env = { ...process.env, PGCONNECT_TIMEOUT: '5' };
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
