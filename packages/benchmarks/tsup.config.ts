import { defineConfig } from 'tsup';

// The benchmark runs from dist/ so that every subject is measured as its built package, the
// code npm users get; packages stay external so each is loaded from its own dist/.
export default defineConfig({
  entry: { cli: 'src/cli.ts' },
  format: ['esm'],
  sourcemap: true,
  clean: true,
  target: 'es2022',
  skipNodeModulesBundle: true,
});
