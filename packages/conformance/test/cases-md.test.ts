import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { INVENTORY, type JsonReport, PORTED_CASES, renderCasesMarkdown } from '../src/index.js';

const casesFile = new URL('../CASES.md', import.meta.url);
const recordedFile = new URL('../results/recorded.json', import.meta.url);

function recorded(): JsonReport {
  expect(existsSync(recordedFile), 'results/recorded.json: run `pnpm ... record`').toBe(true);
  return JSON.parse(readFileSync(recordedFile, 'utf8')) as JsonReport;
}

it('CASES.md is the rendering of src/cases.ts and the recorded run', () => {
  const rendered = renderCasesMarkdown(recorded());
  // `pnpm --filter @tsunami/conformance cases` sets this to rewrite the file.
  if (process.env.TSUNAMI_WRITE_CASES === '1') writeFileSync(casesFile, rendered);
  expect(readFileSync(casesFile, 'utf8')).toBe(rendered);
});

it('the recorded run covers every ported case on every implementation (else record again)', () => {
  const ported = PORTED_CASES.map((portedCase) => portedCase.name);
  const report = recorded();
  expect(report.implementations.length).toBeGreaterThan(0);
  for (const implementation of report.implementations) {
    expect(implementation.cases.map((recordedCase) => recordedCase.name)).toEqual(ported);
  }
});

it('every ported case is in the inventory, once', () => {
  const names = INVENTORY.map((entry) => entry.name);
  expect(new Set(names).size).toBe(names.length);
  for (const portedCase of PORTED_CASES) expect(names).toContain(portedCase.name);
});
