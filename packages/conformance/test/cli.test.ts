import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findOtp } from '@tsunami/oracle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../src/index.js';

// The `tsunami-conformance` command as users run it: the built `dist/cli.js` in a child
// process (root `pnpm test` builds every package before vitest runs).
const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const cli = join(packageDirectory, 'dist/cli.js');
const brokenAdapter = 'test/fixtures/broken-lookup.mjs';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd: packageDirectory, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let directory: string;
beforeAll(() => {
  if (!existsSync(cli)) {
    throw new Error(`${cli} is missing: run \`pnpm --filter @tsunami/conformance build\` first`);
  }
  directory = mkdtempSync(join(tmpdir(), 'tsunami-conformance-cli-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const readReport = (path: string): JsonReport => JSON.parse(readFileSync(path, 'utf8'));

describe('tsunami-conformance tsunami', () => {
  it('passes the chosen cases on every backend, with text and JSON reports', async () => {
    const jsonPath = join(directory, 'tsunami.json');
    const result = await run('tsunami', '--filter', '^(named|member)$', '--json', jsonPath);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]?.split(/\s+/)).toEqual(['ets_SUITE', 'wavl', 'avl', 'skiplist']);
    expect(lines[1]?.split(/\s+/)).toEqual(['passed', '2', '2', '2']);
    expect(lines[2]?.split(/\s+/)).toEqual(['failed', '0', '0', '0']);
    expect(result.stdout).not.toContain('Failures:');
    expect(result.stdout).toContain(
      '6 results on 3 implementations: 6 passed, 0 failed, 0 not applicable',
    );
    // Progress goes to stderr, one line per case and backend.
    expect(result.stderr).toMatch(/^\[wavl\] named: passed \(\d+ ms\)$/m);
    expect(result.stderr).toMatch(/^\[skiplist\] member: passed \(\d+ ms\)$/m);

    const report = readReport(jsonPath);
    expect(report.version).toBe(1);
    expect(report.suite).toBe('ets_SUITE');
    expect(report.totals).toEqual({ cases: 6, passed: 6, failed: 0, notApplicable: 0 });
    expect(report.implementations.map((each) => each.name)).toEqual(['wavl', 'avl', 'skiplist']);
    for (const implementation of report.implementations) {
      expect(implementation.totals).toEqual({ cases: 2, passed: 2, failed: 0, notApplicable: 0 });
      expect(implementation.cases.map((each) => each.name).sort()).toEqual(['member', 'named']);
      for (const each of implementation.cases) {
        expect(each.status).toBe('passed');
        expect(each.milliseconds).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('runs only the backends asked for', async () => {
    const result = await run('tsunami', '--filter', '^named$', '--backend', 'avl', '--quiet');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]?.split(/\s+/)).toEqual(['ets_SUITE', 'avl']);
    expect(result.stderr).toBe('');
  });
});

describe('tsunami-conformance on a broken adapter', () => {
  it('reports each failure with its first difference, and exits with 1', async () => {
    const jsonPath = join(directory, 'broken.json');
    const filter = '^(named|setbag|give_away)$';
    const result = await run(brokenAdapter, '--filter', filter, '--json', jsonPath, '--quiet');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^case\s+lookup-drops-last\s+no-processes$/m);
    expect(result.stdout).toMatch(/^named\s+FAILED\s+passed$/m);
    expect(result.stdout).toMatch(/^give_away\s+FAILED\s+n\.a\.$/m);
    // `named` looks up {key,val}; the broken lookup drops it.
    expect(result.stdout).toContain(
      [
        '  named on lookup-drops-last',
        '    value:',
        '      expected {{key,val}}',
        '      got      {}',
        '      first difference at position 1: expected {key,val}, got nothing',
      ].join('\n'),
    );
    expect(result.stdout).toContain('give_away on no-processes: needs processes');
    expect(result.stdout).toContain(
      '6 results on 2 implementations: 2 passed, 3 failed, 1 not applicable',
    );

    const report = readReport(jsonPath);
    expect(report.totals).toEqual({ cases: 6, passed: 2, failed: 3, notApplicable: 1 });
    const [broken, noProcesses] = report.implementations;
    expect(broken?.name).toBe('lookup-drops-last');
    const named = broken?.cases.find((each) => each.name === 'named');
    expect(named?.status).toBe('failed');
    expect(named?.failure).toMatchObject({
      kind: 'assertion',
      what: 'value',
      expected: '{{key,val}}',
      actual: '{}',
      difference: { path: [1], expected: '{key,val}', actual: 'nothing' },
    });
    expect(noProcesses?.cases.find((each) => each.name === 'give_away')).toEqual({
      name: 'give_away',
      status: 'not applicable',
      needs: ['processes'],
    });
  });
});

describe('tsunami-conformance on a hanging adapter', () => {
  it('fails a case that outlives --timeout', async () => {
    const jsonPath = join(directory, 'hanging.json');
    const adapter = 'test/fixtures/hanging-lookup.mjs';
    const result = await run(
      adapter,
      '--filter',
      '^named$',
      '--timeout',
      '300',
      '--json',
      jsonPath,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '  named on hanging-lookup\n    CaseTimeout: the case had not ended after 300 ms',
    );
    const [implementation] = readReport(jsonPath).implementations;
    expect(implementation?.cases[0]?.failure).toMatchObject({
      kind: 'error',
      message: 'CaseTimeout: the case had not ended after 300 ms',
    });
  });
});

// The built-in OTP adapter on the OTP the oracle finds (otp.test.ts requires one under CI).
const installation = findOtp();
describe.skipIf(installation === null)('tsunami-conformance otp', () => {
  it('runs the chosen cases on real erl', async () => {
    const root = installation?.root === undefined ? [] : ['--otp-root', installation.root];
    const release = String(installation?.version[0]);
    const result = await run('otp', ...root, '--filter', '^(named|give_away)$', '--quiet');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]?.split(/\s+/)).toEqual(['ets_SUITE', `otp-${release}`]);
    expect(result.stdout).toMatch(/^passed\s+[12]$/m);
  });
});

describe('tsunami-conformance usage errors', () => {
  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [[], /expected exactly one adapter module/],
    [['tsunami', '--backend', 'btree'], /no backend btree; this adapter has wavl, avl, skiplist/],
    [['tsunami', '--filter', '('], /--filter \(/],
    [['tsunami', '--timeout', 'soon'], /--timeout soon: expected a positive number/],
    [['tsunami', '--filter', '^no_such_case$'], /matches no case/],
    [['./test/fixtures/missing.mjs'], /cannot load the adapter module/],
    [['test/fixtures/no-adapter.mjs'], /exports no adapter/],
  ])('%j exits with 2', async (args, message) => {
    const result = await run(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('--help prints the usage and exits with 0', async () => {
    const result = await run('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: tsunami-conformance <adapter-module \| tsunami \| otp>/);
  });
});
