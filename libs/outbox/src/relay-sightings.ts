// The relay's own clock for pending writes: when this process first saw each record. The grace period
// and the abandon bound count from there, never from a writer's timestamp, so a writer whose clock is
// off, or a write that became visible late, changes when the relay acts, never whether it does.
export class RelaySightings {
  readonly #firstSeen = new Map<string, number>();

  /** How long each of `ids` has been seen, in ms (0 for a new one); ids no longer pending are forgotten. */
  ages(ids: readonly string[], now: number): Map<string, number> {
    const ages = new Map<string, number>();
    for (const id of ids) {
      const firstSeen = this.#firstSeen.get(id) ?? now;
      this.#firstSeen.set(id, firstSeen);
      ages.set(id, Math.max(0, now - firstSeen));
    }
    const current = new Set(ids);
    for (const id of this.#firstSeen.keys()) if (!current.has(id)) this.#firstSeen.delete(id);
    return ages;
  }
}
