/**
 * @tsunami/core/testing: fast-check arbitraries for Erlang terms and the ordered-map test kit.
 * Needs `fast-check`, and `vitest` for the test kit (optional peer dependencies of @tsunami/core).
 */
export { equalTermPairArbitrary, otherForm } from './alternative-forms.js';
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
export {
  assertSameEntries,
  checkHeightBound,
  describeOrderedMap,
  type HeightBound,
  type OrderedMapKitOptions,
} from './ordered-map-kit.js';
export {
  avlHeightBound,
  describeShapeScenarios,
  type ShapeScenario,
  shapeScenarios,
  wavlHeightBound,
} from './tree-shapes.js';
