// Brings a Docker engine up the way the rig brings its other servers: use one that answers; else, as
// root, install Debian's docker.io when dockerd is missing and start dockerd with its pid and log in
// known places (/run/conveyor/dockerd.pid, /var/log/conveyor/dockerd.log), and wait for it.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { errorMessage } from '@conveyor/contracts';
import { dockerAnswers } from '../docker-probe.ts';
import { findExecutable } from '../find-executable.ts';
import { processLives } from '../process-lives.ts';
import { runCommand } from '../run-command.ts';
import type { Environment } from '../server-urls.ts';
import { waitFor } from '../wait-for.ts';
import { DEFAULT_SOCKET, engineAddress } from './engine-address.ts';
import { dockerMode } from './docker-mode.ts';

export const DOCKERD_PID_FILE = '/run/conveyor/dockerd.pid';
export const DOCKERD_LOG_FILE = '/var/log/conveyor/dockerd.log';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

export type Engine =
  | {
      readonly available: true;
      /** The DOCKER_HOST to hand to the docker CLI and testcontainers. */
      readonly dockerHost: string;
      readonly how: string;
      /** Present when this call started dockerd: stops it again. */
      readonly stop?: () => Promise<void>;
    }
  | { readonly available: false; readonly reason: string };

export interface EnsureEngineOptions {
  readonly env?: Environment;
  readonly log?: (line: string) => void;
}

function unavailable(reason: string): Engine {
  return { available: false, reason };
}

async function installDockerIo(log: (line: string) => void): Promise<string | undefined> {
  const aptGet = await findExecutable('apt-get');
  if (aptGet === undefined) return undefined;
  log("installing Debian's docker.io (dockerd is not installed)");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = (): Promise<string> =>
    runCommand(aptGet, ['install', '-y', '--no-install-recommends', 'docker.io'], {
      env,
      timeoutMs: 600_000,
    });
  await install().catch(async () => {
    await runCommand(aptGet, ['update'], { env, timeoutMs: 300_000 });
    return install();
  });
  return findExecutable('dockerd');
}

function tail(path: string, chars = 1_500): string {
  try {
    return readFileSync(path, 'utf8').slice(-chars);
  } catch {
    return '';
  }
}

function dockerdPid(): number | undefined {
  if (!existsSync(DOCKERD_PID_FILE)) return undefined;
  const pid = Number(readFileSync(DOCKERD_PID_FILE, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Stops the dockerd whose pid is in DOCKERD_PID_FILE (the one the project starts), if it runs. */
export async function stopDockerd(): Promise<void> {
  const pid = dockerdPid();
  if (pid === undefined || !processLives(pid)) return;
  process.kill(pid, 'SIGTERM');
  await waitFor(() => !processLives(pid), {
    timeoutMs: STOP_TIMEOUT_MS,
    what: `dockerd (pid ${String(pid)}) to stop`,
  });
}

async function startDockerd(dockerd: string, env: Environment, log: (line: string) => void): Promise<Engine> {
  mkdirSync('/run/conveyor', { recursive: true });
  mkdirSync('/var/log/conveyor', { recursive: true });
  const logFd = openSync(DOCKERD_LOG_FILE, 'a');
  log(`starting dockerd (pid in ${DOCKERD_PID_FILE}, log in ${DOCKERD_LOG_FILE})`);
  const child = spawn(dockerd, ['--pidfile', DOCKERD_PID_FILE], {
    detached: true,
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  const ours = { exited: false };
  child.once('exit', () => {
    ours.exited = true;
  });
  child.unref();
  const dockerHost = `unix://${DEFAULT_SOCKET}`;
  const probeEnv = { ...env, DOCKER_HOST: dockerHost };
  try {
    await waitFor(
      async () => {
        if (await dockerAnswers(probeEnv)) return true;
        // Ours may have exited because another run's dockerd holds the pid file: that one serves too.
        if (ours.exited && !processLives(dockerdPid() ?? -1)) throw new Error('dockerd exited');
        return false;
      },
      { timeoutMs: START_TIMEOUT_MS, intervalMs: 200, what: 'dockerd to answer' },
    );
  } catch (error) {
    return unavailable(`dockerd did not come up (${errorMessage(error)}): ${tail(DOCKERD_LOG_FILE)}`);
  }
  return {
    available: true,
    dockerHost,
    how: `dockerd started by this run (log ${DOCKERD_LOG_FILE})`,
    // When ours exited, another run's dockerd answers: that one is not this run's to stop.
    stop: ours.exited ? undefined : stopDockerd,
  };
}

export async function ensureEngine(options: EnsureEngineOptions = {}): Promise<Engine> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => process.stderr.write(`[docker] ${line}\n`));
  const mode = dockerMode(env);
  if (mode === 'off') return unavailable('CONVEYOR_DOCKER=off');
  const address = engineAddress(env);
  if (address !== undefined && (await dockerAnswers({ ...env, DOCKER_HOST: address.dockerHost })))
    return {
      available: true,
      dockerHost: address.dockerHost,
      how: `engine at ${address.dockerHost} (${address.from})`,
    };
  if (address !== undefined && address.from !== 'socket')
    return unavailable(`the engine at ${address.dockerHost} (${address.from}) does not answer`);
  if (mode === 'existing')
    return unavailable('no Docker engine answers (CONVEYOR_DOCKER=existing starts none)');
  if (process.getuid?.() !== 0)
    return unavailable('no Docker engine answers, and starting dockerd needs root');
  try {
    const dockerd = (await findExecutable('dockerd')) ?? (await installDockerIo(log));
    if (dockerd === undefined)
      return unavailable('no Docker engine answers, dockerd is not installed and apt-get is missing');
    return await startDockerd(dockerd, env, log);
  } catch (error) {
    return unavailable(`no Docker engine could be started: ${errorMessage(error).split('\n')[0] ?? ''}`);
  }
}
