import type { Change, Collection, Storage } from '../../storage.js';

/**
 * The Storage port in this process's memory (`memory://`, tests). Values are copied through JSON
 * on the way in and out, as a database would, so a caller never shares an object with the store.
 */
class MemoryCollection implements Collection {
  readonly values = new Map<string, string>();

  constructor(
    private readonly storage: MemoryStorage,
    readonly name: string,
  ) {}

  async get(key: string): Promise<unknown> {
    const text = this.values.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  }

  async getMany(keys: readonly string[]): Promise<unknown[]> {
    return Promise.all(keys.map((key) => this.get(key)));
  }

  set(key: string, value: unknown): Promise<void> {
    return this.storage.write([{ kind: 'set', collection: this.name, key, value }]);
  }

  async delete(key: string): Promise<boolean> {
    return this.values.delete(key);
  }
}

export class MemoryStorage implements Storage {
  readonly description = 'memory (nothing survives a restart)';
  private readonly collections = new Map<string, MemoryCollection>();
  private readonly indexes = new Map<string, Set<number>>();
  private readonly counters = new Map<string, number>();
  private readonly claims = new Map<string, number | undefined>();

  collection(name: string): MemoryCollection {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new MemoryCollection(this, name);
      this.collections.set(name, collection);
    }
    return collection;
  }

  private index(name: string): Set<number> {
    let index = this.indexes.get(name);
    if (!index) {
      index = new Set();
      this.indexes.set(name, index);
    }
    return index;
  }

  private bump(name: string): number {
    const value = (this.counters.get(name) ?? 0) + 1;
    this.counters.set(name, value);
    return value;
  }

  async write(changes: readonly Change[]): Promise<void> {
    // Encoded before anything is applied, so a value JSON cannot hold changes nothing.
    const encoded = changes.map((c) => (c.kind === 'set' ? (JSON.stringify(c.value) ?? 'null') : ''));
    changes.forEach((change, i) => {
      switch (change.kind) {
        case 'set':
          this.collection(change.collection).values.set(change.key, encoded[i] ?? 'null');
          break;
        case 'delete':
          this.collection(change.collection).values.delete(change.key);
          break;
        case 'add':
          this.index(change.index).add(change.member);
          break;
        case 'remove':
          this.index(change.index).delete(change.member);
          break;
      }
    });
  }

  async members(index: string): Promise<number[]> {
    return [...this.index(index)].sort((a, b) => a - b);
  }

  async countMembers(index: string): Promise<number> {
    return this.index(index).size;
  }

  async firstMembers(index: string, limit: number): Promise<number[]> {
    return (await this.members(index)).slice(0, limit);
  }

  async next(sequence: string): Promise<number> {
    return this.bump(sequence);
  }

  async last(sequence: string): Promise<number> {
    return this.counters.get(sequence) ?? 0;
  }

  async claim(key: string, ttlMs?: number): Promise<boolean> {
    const now = Date.now();
    const current = this.claims.get(key);
    if (this.claims.has(key) && (current === undefined || current > now)) return false;
    this.claims.set(key, ttlMs === undefined ? undefined : now + ttlMs);
    return true;
  }

  async release(key: string): Promise<void> {
    this.claims.delete(key);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}
