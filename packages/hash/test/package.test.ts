import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { checkPackedPackage } from '../../../scripts/package-check.js';

const EXPORTS = ['HashStore', 'KEY_NOT_FOUND', 'MINIMUM_SLOT_COUNT'];

it('ships ESM, CJS and types that Node and bundlers resolve, with the same exports', async () => {
  const entryPoints = await checkPackedPackage(fileURLToPath(new URL('..', import.meta.url)));
  expect(entryPoints.map((entry) => entry.entryPoint)).toEqual(['.']);
  const [main] = entryPoints;
  expect(main?.cjs).toEqual(main?.esm);
  expect(main?.esm).toEqual(EXPORTS);
});
