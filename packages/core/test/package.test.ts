import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { checkPackedPackage } from '../../../scripts/package-check.js';

it('ships ESM, CJS and types that Node and bundlers resolve, with the same exports', async () => {
  const entryPoints = await checkPackedPackage(fileURLToPath(new URL('..', import.meta.url)));
  expect(entryPoints.map((entry) => entry.entryPoint)).toEqual([
    '.',
    './testing',
    './testing/random',
  ]);
  for (const { esm, cjs } of entryPoints) {
    expect(esm.length).toBeGreaterThan(0);
    expect(cjs).toEqual(esm);
  }
});
