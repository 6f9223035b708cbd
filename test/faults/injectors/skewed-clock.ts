// Preloaded into a service process by the fault suite (NODE_OPTIONS=--import): moves this process's
// wall clock by FAULT_CLOCK_OFFSET_MS (negative: behind), as a badly set system clock would. Only
// Date is moved; the monotonic clock (performance.now) and the servers' clocks are not.
const offsetMs = Number(process.env.FAULT_CLOCK_OFFSET_MS ?? '0');
const RealDate = Date;
const skewedNow = (): number => RealDate.now() + offsetMs;

globalThis.Date = new Proxy(RealDate, {
  construct(target, args: unknown[], newTarget: NewableFunction) {
    return Reflect.construct(target, args.length === 0 ? [skewedNow()] : args, newTarget) as object;
  },
  apply() {
    // Date() called as a function: the current time as a string.
    return new RealDate(skewedNow()).toString();
  },
  get(target, property, receiver) {
    return property === 'now' ? skewedNow : (Reflect.get(target, property, receiver) as unknown);
  },
});
