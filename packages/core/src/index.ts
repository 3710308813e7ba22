/**
 * @tsunami/core: Erlang terms in JavaScript (term model, order, equality, hashing, Erlang text,
 * External Term Format) and the ordered-map interface that Tsunami's trees implement.
 */

export {
  BinarySearchTree,
  describeKey,
  FREE_RANK,
  NO_NODE,
  type NodeIndex,
  NodePool,
} from './binary-tree/index.js';
export { assertTerm, isTerm } from './check.js';
export { compare, compareExact, compareStrings, equals, sortedMapEntries } from './compare.js';
export {
  DecodeError,
  type DecodeOptions,
  type DecodeResult,
  decode,
  type EncodeOptions,
  type ExportFunDescription,
  encode,
  erlangFun,
  type FunDescription,
  funDescription,
  type LocalFunDescription,
} from './etf/index.js';
export { exactEquals } from './exact-equals.js';
export { hash } from './hash.js';
export { isPlainObject, Kind, kindOf, termOrderRank } from './kind.js';
export { type NaturalKey, naturalComparator } from './natural-comparator.js';
export {
  type Comparator,
  type Entry,
  type OrderedMap,
  type OrderedMapFactory,
  type OrderedMapOptions,
  type PredicateRange,
  type RangeOptions,
  type TreeCounters,
  type TreeStats,
  zeroCounters,
} from './ordered-map.js';
export { type PrimitiveKey, primitiveKey } from './primitive-key.js';
export { SortedArrayMap } from './sorted-array-map.js';
export { format } from './syntax/format.js';
export { ParseError, parse } from './syntax/parse.js';
export {
  isReservedWithoutMaybe,
  MAYBE_FEATURE_WORDS,
  RESERVED_WORDS,
} from './syntax/reserved-words.js';
export { erl } from './syntax/template.js';
export {
  type Atom,
  atom,
  atomName,
  Bitstring,
  bitstring,
  cons,
  Float,
  float,
  improperList,
  isAtom,
  isFloat,
  isInteger,
  List,
  list,
  listFrom,
  localNode,
  MAX_ATOM_CHARACTERS,
  nil,
  Pid,
  Port,
  Reference,
  type Term,
  TermError,
  type TermRecord,
  type Tuple,
  undefinedAtom,
} from './term.js';
