// quote.requested.v1 (request/reply) → a price and availability quote from the price list and stock.
// Read-only, so it needs no inbox: a repeated request gets a fresh, equally valid answer.
import type { InboundMessage } from '@conveyor/bus';
import { quoteResult, type BodyOf, type QuoteResult, type quoteRequested } from '@conveyor/contracts';
import type { FulfilmentProviders } from '../providers/fulfilment-providers.ts';

export function answerQuote(providers: FulfilmentProviders) {
  return async ({ body, signal }: InboundMessage<BodyOf<typeof quoteRequested>>): Promise<QuoteResult> => {
    const { tenantId, sku, qty } = body;
    const unitPriceCents = await providers.prices.unitPriceCents(tenantId, sku);
    const available = await providers.inventory.available({ tenantId, sku, qty, signal });
    return quoteResult.parse({ sku, qty, available, unitPriceCents, totalCents: unitPriceCents * qty });
  };
}
