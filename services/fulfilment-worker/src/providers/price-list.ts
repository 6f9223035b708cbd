// Unit prices, for payment amounts and quotes.
export interface PriceList {
  unitPriceCents(tenantId: string, sku: string): Promise<number>;
}
