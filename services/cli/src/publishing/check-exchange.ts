// A publish to an exchange that does not exist closes the publishing channel, and the bus would send
// it again on every new channel until its confirm deadline: the exchange is checked first instead.
import type { Bus } from '@conveyor/bus';
import { NotFoundError } from '../errors/not-found-error.ts';

export async function checkExchangeExists(bus: Bus, exchange: string): Promise<void> {
  const channel = await (await bus.connection.ready()).createChannel();
  // The 404 arrives both as this event and as checkExchange's rejection, which is handled below.
  channel.on('error', () => undefined);
  try {
    await channel.checkExchange(exchange);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 404)
      throw new NotFoundError('exchange', exchange);
    throw error;
  }
  await channel.close();
}
