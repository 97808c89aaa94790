interface Group<T> {
  durable: Promise<void>;
  items: T[];
  state: 'waiting' | 'landed' | 'failed';
}

/**
 * Holds what was announced during a write until that write is on disk. Items keep their order;
 * the items of one group commit share its promise (core.writes.durable() as it was when they
 * came), and a group is let through only once every group before it was.
 */
export class DurableQueue<T> {
  private groups: Group<T>[] = [];

  /** `onSettled` runs (synchronously, in a microtask) each time a group's commit has an outcome. */
  constructor(private readonly onSettled: () => void) {}

  add(item: T, durable: Promise<void>): void {
    const last = this.groups[this.groups.length - 1];
    if (last && last.durable === durable && last.state === 'waiting') {
      last.items.push(item);
      return;
    }
    const group: Group<T> = { durable, items: [item], state: 'waiting' };
    this.groups.push(group);
    durable.then(
      () => {
        group.state = 'landed';
        this.onSettled();
      },
      () => {
        group.state = 'failed';
        this.onSettled();
      },
    );
  }

  /** Hands over, in order, each group whose commit has an outcome, up to the first still waiting. */
  take(visit: (items: readonly T[], landed: boolean) => void): void {
    let count = 0;
    while (count < this.groups.length && this.groups[count]!.state !== 'waiting') count++;
    if (count === 0) return;
    const ready = this.groups.slice(0, count);
    this.groups = this.groups.slice(count);
    for (const group of ready) visit(group.items, group.state === 'landed');
  }

  /** Forgets everything still waiting (nothing is recorded while the API is disabled); returns it. */
  clear(): T[] {
    const items = this.groups.flatMap((group) => group.items);
    this.groups = [];
    return items;
  }
}
