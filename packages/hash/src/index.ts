/**
 * @tsunami/hash: the hash store behind Tsunami's ETS `set`, `bag` and `duplicate_bag` tables.
 */
export {
  type ChainStatistics,
  HashStore,
  type HashStoreOptions,
  type HashTableType,
  KEY_NOT_FOUND,
  MINIMUM_SLOT_COUNT,
} from './hash-store.js';
