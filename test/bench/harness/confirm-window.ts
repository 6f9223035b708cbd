// Publishes as fast as confirms allow with a bounded number awaiting their confirm, the way a
// producer with back-pressure would; the same window for every broker client in the suite.
export const defaultConfirmWindow = 1_000;

export async function publishWindowed(
  total: number,
  publish: (index: number) => Promise<unknown>,
  window: number = defaultConfirmWindow,
): Promise<void> {
  let inFlight: Promise<unknown>[] = [];
  for (let index = 0; index < total; index += 1) {
    inFlight.push(publish(index));
    if (inFlight.length >= window) {
      await Promise.all(inFlight);
      inFlight = [];
    }
  }
  await Promise.all(inFlight);
}
