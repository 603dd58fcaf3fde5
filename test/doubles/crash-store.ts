import type { Collection, Storage } from '../../src/storage.js';

/**
 * The store, with one write to `collection` failing as it would for a process killed at that moment
 * (after its side effect, before its record): the first, or the one after `passing` writes.
 */
export function recordFailsOnce(storage: Storage, collection: string, passing = 0): Storage {
  const sent = storage.collection(collection);
  let writes = 0;
  let fail = true;
  const crashing: Collection = {
    name: sent.name,
    get: (key) => sent.get(key),
    getMany: (keys) => sent.getMany(keys),
    delete: (key) => sent.delete(key),
    async set(key, value) {
      writes += 1;
      if (fail && writes > passing) {
        fail = false;
        throw new Error('killed before the record was written');
      }
      await sent.set(key, value);
    },
  };
  return new Proxy(storage, {
    get(target, property) {
      if (property === 'collection')
        return (name: string) => (name === collection ? crashing : target.collection(name));
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
