// A view of an object with some members replaced. Every other member is read from the object itself
// and its methods are bound to it, so classes with #private fields keep working behind the view (a
// bare Proxy would call them with the proxy as `this`, which has none of those fields).
export function withOverrides<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(object, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof T];
      const value: unknown = Reflect.get(object, property, object);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
}
