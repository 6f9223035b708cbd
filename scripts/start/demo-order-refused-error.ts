/** The gateway did not accept `npm start`'s demo order; permanent for this run (the stack is not working). */
export class DemoOrderRefusedError extends Error {
  readonly code = 'DEMO_ORDER_REFUSED';
  readonly retryable = false;
  readonly status: number;

  constructor(status: number, body: string) {
    super(`the gateway refused the demo order: ${String(status)} ${body}`);
    this.name = 'DemoOrderRefusedError';
    this.status = status;
  }
}
