import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { checkPackedPackage } from '../../../scripts/package-check.js';

it('ships ESM, CJS and types that Node and bundlers resolve, with the same exports', async () => {
  const entryPoints = await checkPackedPackage(fileURLToPath(new URL('..', import.meta.url)));
  expect(entryPoints.map((entry) => entry.entryPoint)).toEqual(['.']);
  for (const { esm, cjs } of entryPoints) {
    expect(esm).toContain('compileMatchSpec');
    expect(esm).toContain('fun2ms');
    expect(cjs).toEqual(esm);
  }
});
