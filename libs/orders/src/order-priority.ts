// Express orders jump the fulfilment backlog: every message of the order is published at this priority.
export const expressPriority = 8;
export const standardPriority = 4;

export function orderPriority(express: boolean): number {
  return express ? expressPriority : standardPriority;
}
