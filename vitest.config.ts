import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Tests import each workspace package's TypeScript source through the `@tsunami/source`
// export condition, so `pnpm test` never reads a stale `dist/`.
const sourceConditions = ['@tsunami/source', ...defaultServerConditions];
const packageNames = readdirSync(new URL('./packages', import.meta.url));

export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions, externalConditions: ['@tsunami/source'] } },
  test: {
    reporters: ['default', './scripts/summary-reporter.ts'],
    projects: packageNames.map((name) => ({
      extends: true,
      test: {
        name,
        // Absolute, so that a package's own script (`vitest run --root ../..` from its folder)
        // finds the same files as a run from the repository root.
        root: fileURLToPath(new URL(`./packages/${name}`, import.meta.url)),
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        testTimeout: 60_000,
        hookTimeout: 120_000,
      },
    })),
  },
});
