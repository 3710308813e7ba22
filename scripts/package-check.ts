/**
 * Checks a package as its consumers get it: the built `dist/` packed by the package manager,
 * linted by publint (strict) and resolved by Are the Types Wrong for Node 16+ ESM and CJS and for
 * bundlers, then loaded both ways in a fresh Node process (without the test runner's source
 * condition, so workspace dependencies load from their `dist/` too) to see that ESM and CJS
 * consumers get the same exports.
 * Each public package's `test/package.test.ts` calls it; `pnpm test` builds before testing.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const binaries = fileURLToPath(new URL('../node_modules/.bin/', import.meta.url));

/** What a consumer sees of one entry point. */
export interface EntryPointExports {
  readonly entryPoint: string;
  readonly esm: readonly string[];
  readonly cjs: readonly string[];
}

async function runChecked(command: string, args: string[], cwd: string): Promise<void> {
  try {
    await run(join(binaries, command), args, { cwd, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout}${stderr}`);
  }
}

/**
 * Lints and packs the package in `packageDirectory` and loads each of its entry points as ESM
 * and as CJS. Throws with the tools' output when a check fails.
 */
export async function checkPackedPackage(packageDirectory: string): Promise<EntryPointExports[]> {
  if (!existsSync(join(packageDirectory, 'dist'))) {
    throw new Error(`${packageDirectory} has no dist/: run \`pnpm build\` first`);
  }
  await runChecked('publint', ['--strict'], packageDirectory);
  await runChecked('attw', ['--pack', '.', '--profile', 'node16'], packageDirectory);

  const manifest = JSON.parse(readFileSync(join(packageDirectory, 'package.json'), 'utf8'));
  const results: EntryPointExports[] = [];
  for (const [entryPoint, conditions] of Object.entries<Record<string, unknown>>(
    manifest.exports,
  )) {
    if (entryPoint === './package.json') continue;
    const importTarget = (conditions.import as { default: string }).default;
    const requireTarget = (conditions.require as { default: string }).default;
    results.push({
      entryPoint,
      ...(await loadBothWays(
        join(packageDirectory, importTarget),
        join(packageDirectory, requireTarget),
      )),
    });
  }
  return results;
}

/**
 * Imports `esmFile` and requires `cjsFile` in a fresh Node process, as a consumer would: without
 * the test runner's `@tsunami/source` condition, so workspace dependencies resolve to their
 * built `dist/` too. Returns the sorted export names of each.
 */
async function loadBothWays(
  esmFile: string,
  cjsFile: string,
): Promise<{ esm: string[]; cjs: string[] }> {
  const script = [
    "import { createRequire } from 'node:module';",
    `const esm = await import(${JSON.stringify(pathToFileURL(esmFile).href)});`,
    `const cjs = createRequire(${JSON.stringify(pathToFileURL(cjsFile).href)})(${JSON.stringify(cjsFile)});`,
    'console.log(JSON.stringify({ esm: Object.keys(esm).sort(), cjs: Object.keys(cjs).sort() }));',
  ].join('\n');
  const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', script], {
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return JSON.parse(stdout) as { esm: string[]; cjs: string[] };
}
