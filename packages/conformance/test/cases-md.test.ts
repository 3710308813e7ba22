import { readFileSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { INVENTORY, PORTED_CASES, renderCasesMarkdown } from '../src/index.js';

const casesFile = new URL('../CASES.md', import.meta.url);

it('CASES.md is the rendering of src/cases.ts', () => {
  const rendered = renderCasesMarkdown();
  // `pnpm --filter @tsunami/conformance cases` sets this to rewrite the file.
  if (process.env.TSUNAMI_WRITE_CASES === '1') writeFileSync(casesFile, rendered);
  expect(readFileSync(casesFile, 'utf8')).toBe(rendered);
});

it('every ported case is in the inventory, once', () => {
  const names = INVENTORY.map((entry) => entry.name);
  expect(new Set(names).size).toBe(names.length);
  for (const portedCase of PORTED_CASES) expect(names).toContain(portedCase.name);
});
