/**
 * @tsunami/core/testing: fast-check arbitraries for Erlang terms and the ordered-map test kit.
 * Needs `fast-check` (an optional peer dependency of @tsunami/core).
 */
export {
  atomArbitrary,
  binaryArbitrary,
  bitstringArbitrary,
  floatArbitrary,
  integerArbitrary,
  keyArbitrary,
  pidArbitrary,
  portArbitrary,
  referenceArbitrary,
  scalarArbitrary,
  type TermArbitraryOptions,
  termArbitrary,
} from './arbitraries.js';
