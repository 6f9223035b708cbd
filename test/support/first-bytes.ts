// One short TCP conversation used by the protocol probes: connect, optionally send a greeting,
// and return the first bytes the peer sends (undefined when it refuses, hangs up or stays silent).
import { connect } from 'node:net';

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

export function hostPort(url: string, defaultPort: number): HostPort {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port: parsed.port === '' ? defaultPort : Number(parsed.port) };
}

export function firstBytes(
  { host, port }: HostPort,
  greeting: Uint8Array | undefined,
  timeoutMs: number,
): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (bytes: Buffer | undefined): void => {
      socket.destroy();
      resolve(bytes);
    };
    socket.setTimeout(timeoutMs, () => {
      finish(undefined);
    });
    socket.once('connect', () => {
      if (greeting !== undefined) socket.write(greeting);
    });
    socket.once('data', finish);
    socket.once('error', () => {
      finish(undefined);
    });
    socket.once('close', () => {
      finish(undefined);
    });
  });
}
