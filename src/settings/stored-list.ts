import type { z } from 'zod';
import { NumberIndex, VersionRow, put, readRecords, type Storage } from '../storage.js';

/**
 * A short list managers keep in chat (closures, on-call overrides): one record per entry and one
 * index row each, so two instances adding at once both keep theirs; a version row tells every
 * instance to reload. Held in memory, since the clocks read it on every due time.
 */
export class StoredList<T extends { number: number }> {
  private readonly collection;
  private readonly index: NumberIndex;
  private readonly version: VersionRow;
  private entries: readonly T[] = [];
  private loadedAt = -1;
  private readonly listeners: Array<() => void> = [];

  constructor(
    private readonly storage: Storage,
    /** the collection, index, sequence and version row it keeps, e.g. `closures` */
    private readonly name: string,
    private readonly schema: z.ZodType<T>,
    private readonly order: (a: T, b: T) => number,
  ) {
    this.collection = storage.collection(name);
    this.index = new NumberIndex(storage, `${name}:all`);
    this.version = new VersionRow(storage, name);
  }

  async load(): Promise<void> {
    const version = await this.version.read();
    const records = await readRecords(this.collection, (await this.index.list()).map(String), this.schema);
    const first = this.loadedAt === -1;
    this.entries = [...records].sort(this.order);
    this.loadedAt = version;
    if (!first) for (const listener of this.listeners) listener();
  }

  /** Picks up entries added or removed on another instance (one read when nothing moved). */
  async refresh(): Promise<void> {
    if ((await this.version.read()) !== this.loadedAt) await this.load();
  }

  /** Called after the list changed, here or on another instance. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  list(): readonly T[] {
    return this.entries;
  }

  /** Numbers the entry and stores it with its index row in one write. */
  async add(make: (number: number) => T): Promise<T> {
    const entry = make(await this.storage.next(this.name));
    await this.storage.write([put(this.collection, String(entry.number), entry), this.index.adding(entry.number)]);
    await this.changed();
    return entry;
  }

  async remove(number: number): Promise<T | undefined> {
    await this.refresh();
    const entry = this.entries.find((e) => e.number === number);
    if (!entry) return undefined;
    await this.storage.write([
      { kind: 'delete', collection: this.collection.name, key: String(number) },
      this.index.removing(number),
    ]);
    await this.changed();
    return entry;
  }

  private async changed(): Promise<void> {
    await this.version.bump();
    await this.load();
  }
}
