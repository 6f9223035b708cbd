// The fulfilment worker's stable error codes and their verdicts, in one place: its own, and the
// rejections its sandbox providers give (a real provider brings its own codes through
// ProviderRejectedError). An order it cannot read is @conveyor/orders' ORDER_NOT_FOUND.
import { defineErrorCodes, type ErrorCodeOf } from '@conveyor/contracts';

export const FulfilmentErrorCode = defineErrorCodes({
  /** A provider did not answer (or answered that it is unavailable). */
  providerUnavailable: ['PROVIDER_UNAVAILABLE', 'retryable'],
  /** The order changed while a step was being undone. */
  orderChanged: ['ORDER_CHANGED', 'retryable'],
  /** Sandbox: the stock is short (`OOS-…` SKUs). */
  outOfStock: ['OUT_OF_STOCK', 'permanent'],
  /** Sandbox: the card was declined (`DECLINE-…` SKUs). */
  cardDeclined: ['CARD_DECLINED', 'permanent'],
  /** Sandbox: the carrier refuses the shipment (`UNDELIVERABLE-…` SKUs). */
  undeliverable: ['UNDELIVERABLE', 'permanent'],
  /** Sandbox: the effect was voided by its undo before it was made. */
  voided: ['VOIDED', 'permanent'],
});

export type FulfilmentErrorCode = ErrorCodeOf<typeof FulfilmentErrorCode>;
