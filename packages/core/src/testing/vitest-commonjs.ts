/**
 * What `vitest` resolves to in the CommonJS build of `@tsunami/core/testing` (an alias in
 * `tsup.config.ts`). Vitest is ESM-only: its CommonJS entry throws when required, which would
 * make the whole subpath unloadable from CommonJS. With this module in its place the
 * arbitraries work from CommonJS, and registering a test kit's tests says why it cannot.
 */

function unavailable(): never {
  throw new Error(
    'the @tsunami/core/testing test kits register vitest tests, and vitest is ESM-only: import @tsunami/core/testing from an ES module (vitest test files are)',
  );
}

/** Throws: vitest cannot run from CommonJS. */
export const describe: (name: string, body: () => void) => void = unavailable;
/** Throws: vitest cannot run from CommonJS. */
export const it: (name: string, body: () => void) => void = unavailable;
