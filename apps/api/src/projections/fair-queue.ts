/**
 * A bounded queue that serves the least recently served owner first, each owner's items in order:
 * an account that sends many jobs waits behind everyone who has had fewer turns lately, not in
 * front of them. Pure and synchronous; the runner decides what an item is.
 */
export class FairQueue<T> {
  private readonly byOwner = new Map<string, T[]>();
  /** When each owner was last served (a counter, not a clock); forgotten past `MEMORY` owners. */
  private readonly lastServed = new Map<string, number>();
  private served = 0;
  private count = 0;
  private static readonly MEMORY = 10_000;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.count;
  }

  /** Queues `item` for `owner`; false when the queue is full. */
  push(owner: string, item: T): boolean {
    if (this.count >= this.capacity) {
      return false;
    }
    const items = this.byOwner.get(owner);
    if (items) {
      items.push(item);
    } else {
      this.byOwner.set(owner, [item]);
    }
    this.count++;
    return true;
  }

  /** The next item: the first of the owner served longest ago (never: first); ties by arrival. */
  shift(): T | undefined {
    let next: string | undefined;
    let oldest = Number.POSITIVE_INFINITY;
    for (const owner of this.byOwner.keys()) {
      const at = this.lastServed.get(owner) ?? -1;
      if (at < oldest) {
        oldest = at;
        next = owner;
      }
    }
    if (next === undefined) {
      return undefined;
    }
    const items = this.byOwner.get(next) ?? [];
    const item = items.shift();
    if (items.length === 0) {
      this.byOwner.delete(next);
    }
    this.count--;
    if (this.lastServed.size >= FairQueue.MEMORY) {
      this.lastServed.clear();
    }
    this.lastServed.delete(next);
    this.lastServed.set(next, ++this.served);
    return item;
  }

  /** Removes `item` (a cancelled job); false when it is not queued (already taken). */
  remove(owner: string, item: T): boolean {
    const items = this.byOwner.get(owner);
    const at = items?.indexOf(item) ?? -1;
    if (!items || at < 0) {
      return false;
    }
    items.splice(at, 1);
    if (items.length === 0) {
      this.byOwner.delete(owner);
    }
    this.count--;
    return true;
  }
}
