// Publishes made in one turn of the event loop reach the broker in one socket write. amqplib writes
// every frame to the socket separately (one system call per message, the largest single cost of a
// publish in the bench profiles); corking the socket for the turn lets Node hand them over in one
// writev. amqplib's Connection does not declare its socket in its types, so it is found at run time;
// where it is not there, nothing is coalesced and publishing works as before.
import { Writable } from 'node:stream';

const corked = new WeakSet<Writable>();
const watched = new WeakSet<Writable>();

export function coalesceWritesThisTurn(connection: object): void {
  const socket = socketOf(connection);
  if (socket === undefined) return;
  if (!watched.has(socket)) {
    watched.add(socket);
    // A burst larger than the socket's buffer makes amqplib wait for 'drain' and then write the
    // rest frame by frame: corking before its own 'drain' listener runs batches those too.
    socket.prependListener('drain', () => {
      cork(socket);
    });
  }
  cork(socket);
}

function cork(socket: Writable): void {
  if (corked.has(socket)) return;
  corked.add(socket);
  socket.cork();
  // amqplib's multiplexer moves frames from each channel to the socket in a setImmediate of its
  // own, queued after this one: uncorking a turn later lets those writes join the batch.
  setImmediate(() => {
    setImmediate(() => {
      corked.delete(socket);
      socket.uncork();
    });
  });
}

function socketOf(connection: object): Writable | undefined {
  const stream: unknown = 'stream' in connection ? connection.stream : undefined;
  return stream instanceof Writable ? stream : undefined;
}
