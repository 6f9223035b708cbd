// Looks up the schema for an incoming `type` so that both sides validate the same way.
import type { MessageType } from './message-type.ts';

export class MessageRegistry {
  readonly #types = new Map<string, MessageType>();

  constructor(types: Iterable<MessageType> = []) {
    for (const type of types) this.register(type);
  }

  register(type: MessageType): this {
    const existing = this.#types.get(type.name);
    if (existing !== undefined && existing !== type) {
      throw new TypeError(`message type "${type.name}" is registered twice with different schemas`);
    }
    this.#types.set(type.name, type);
    return this;
  }

  get(name: string): MessageType | undefined {
    return this.#types.get(name);
  }

  names(): string[] {
    return [...this.#types.keys()];
  }
}
