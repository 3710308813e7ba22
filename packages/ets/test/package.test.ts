import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { checkPackedPackage } from '../../../scripts/package-check.js';

it('ships ESM, CJS and types that Node and bundlers resolve, with the same exports', async () => {
  const entryPoints = await checkPackedPackage(fileURLToPath(new URL('..', import.meta.url)));
  expect(entryPoints.map((entry) => entry.entryPoint)).toEqual(['.']);
  const [main] = entryPoints;
  expect(main!.esm).toEqual(
    expect.arrayContaining([
      'createEts',
      'ets',
      'Ets',
      'EtsError',
      'endOfTable',
      'NodeProcessRuntime',
    ]),
  );
  expect(main!.cjs).toEqual(main!.esm);
}, 120_000);
