// What each forward step's provider returned, as stored in the order and announced by its message.
import {
  orderPaymentCaptured,
  orderShipped,
  orderStockReserved,
  type BodyOf,
  type MessageType,
  type OrderStep,
} from '@conveyor/contracts';

export type StepResult =
  | { step: 'reserve'; reservationId: string }
  | { step: 'payment'; paymentId: string; amountCents: number }
  | { step: 'shipping'; shipmentId: string; trackingCode: string };

/** The provider reference kept in `steps.<step>.ref` (what an undo needs). */
export function stepRef(result: StepResult): string {
  switch (result.step) {
    case 'reserve':
      return result.reservationId;
    case 'payment':
      return result.paymentId;
    case 'shipping':
      return result.shipmentId;
  }
}

export interface StepDoneMessage {
  type: MessageType;
  body: BodyOf<MessageType>;
}

/** The message announcing a step's result: the next step's trigger. */
export function stepDoneMessage(
  result: StepResult,
  ref: { orderId: string; tenantId: string; sequence: number },
): StepDoneMessage {
  switch (result.step) {
    case 'reserve':
      return { type: orderStockReserved, body: { ...ref, reservationId: result.reservationId } };
    case 'payment':
      return {
        type: orderPaymentCaptured,
        body: { ...ref, paymentId: result.paymentId, amountCents: result.amountCents },
      };
    case 'shipping':
      return {
        type: orderShipped,
        body: { ...ref, shipmentId: result.shipmentId, trackingCode: result.trackingCode },
      };
  }
}

export const stepOrder: readonly OrderStep[] = ['reserve', 'payment', 'shipping'];
