// Records a run of the whole suite for CASES.md: the built CLI against every Tsunami backend
// and against real OTP (both at once, they share no state), merged into results/recorded.json,
// then CASES.md re-rendered. Run after `pnpm build`: `pnpm --filter @tsunami/conformance record`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const packageDirectory = new URL('..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'tsunami-record-'));
// The newest OTP, as @tsunami/oracle prefers it: $TSUNAMI_OTP_ROOT, else the OTP 27 chroot that
// .ci/run makes, else erl on PATH (the CLI's own default).
const otpRoot = process.env.TSUNAMI_OTP_ROOT ?? '/opt/tsunami-otp27';
const otpOptions = existsSync(join(otpRoot, 'usr/bin/erl')) ? ['--otp-root', otpRoot] : [];

function run(adapter, options = []) {
  const json = join(scratch, `${adapter}.json`);
  const args = ['dist/cli.js', adapter, ...options, '--json', json, '--quiet'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: packageDirectory,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    // Exit code 1 means a case failed: that is a result to record, not an error.
    child.on('exit', (code) =>
      code === 0 || code === 1
        ? resolve(JSON.parse(readFileSync(json, 'utf8')))
        : reject(new Error(`tsunami-conformance ${adapter} exited with ${code}`)),
    );
  });
}

const reports = await Promise.all([run('tsunami'), run('otp', otpOptions)]);
const implementations = reports.flatMap((report) => report.implementations);
const totals = { cases: 0, passed: 0, failed: 0, notApplicable: 0 };
for (const { totals: counts } of implementations) {
  for (const key of Object.keys(totals)) totals[key] += counts[key];
}
const merged = { ...reports[0], totals, implementations };
writeFileSync(
  join(packageDirectory, 'results/recorded.json'),
  `${JSON.stringify(merged, null, 2)}\n`,
);
