// Reads a broker channel close that blames one exchange, e.g.
// "Channel closed by server: 404 (NOT-FOUND) with message "NOT_FOUND - no exchange 'x' in vhost '/'"".
// Only those codes say "this publish can never succeed"; any other close is a transient loss.

export interface ChannelRefusal {
  replyCode: number;
  exchange: string;
  message: string;
}

const refusalCodes = new Set([403, 404]);
const exchangeNamed = /exchange '([^']*)'/;

export function channelRefusal(error: unknown): ChannelRefusal | undefined {
  if (!(error instanceof Error)) return undefined;
  const replyCode = (error as Error & { code?: unknown }).code;
  if (typeof replyCode !== 'number' || !refusalCodes.has(replyCode)) return undefined;
  const named = exchangeNamed.exec(error.message);
  if (named?.[1] === undefined) return undefined;
  return { replyCode, exchange: named[1], message: error.message };
}
