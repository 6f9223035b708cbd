// Where an outbox entry lives: the aggregate collection and document that carry it.
export interface OutboxSource {
  collection: string;
  docId: string;
}
