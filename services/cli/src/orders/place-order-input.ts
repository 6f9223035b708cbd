// The body of POST /v1/orders from flags (--customer, --email, --item SKU:QTY..., --express); the
// gateway validates it and names a bad field in its answer.
import { UsageError } from '../errors/usage-error.ts';

export interface OrderFlags {
  customer?: string | undefined;
  email?: string | undefined;
  item?: string[] | undefined;
  express?: boolean | undefined;
}

export function orderBodyFromFlags(command: string, flags: OrderFlags): Record<string, unknown> {
  if (flags.customer === undefined || flags.email === undefined || flags.item === undefined) {
    throw new UsageError('give --data or --file, or --customer, --email and at least one --item', command);
  }
  return {
    customerId: flags.customer,
    email: flags.email,
    items: flags.item.map((item) => parseItem(command, item)),
    express: flags.express ?? false,
  };
}

function parseItem(command: string, item: string): { sku: string; qty: number } {
  const match = /^([^:]+)(?::(\d+))?$/.exec(item);
  if (match === null) throw new UsageError(`--item must be SKU or SKU:QTY, not '${item}'`, command);
  return { sku: match[1] ?? '', qty: Number(match[2] ?? '1') };
}

export function hasOrderFlags(flags: OrderFlags): boolean {
  return (
    flags.customer !== undefined ||
    flags.email !== undefined ||
    flags.item !== undefined ||
    flags.express === true
  );
}
