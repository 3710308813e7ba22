import { resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * vitest is ESM-only and its CommonJS entry throws when required, which would make the whole
 * CommonJS testing subpath unloadable. The CommonJS build gets a stand-in that throws only when
 * a test kit registers tests (src/testing/vitest-commonjs.ts); the ESM build imports vitest.
 */
const vitestForCommonJs: EsbuildPlugin = {
  name: 'vitest-for-commonjs',
  setup(build) {
    const commonJs = build.initialOptions.format === 'cjs';
    build.onResolve({ filter: /^vitest$/ }, () =>
      commonJs
        ? { path: resolve('src/testing/vitest-commonjs.ts') }
        : { path: 'vitest', external: true },
    );
  },
};

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'testing/index': 'src/testing/index.ts',
    'testing/random': 'src/testing/random.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // Left to the plugin above, which keeps it external in the ESM build.
  noExternal: ['vitest'],
  esbuildPlugins: [vitestForCommonJs],
});
