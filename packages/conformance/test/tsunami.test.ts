import { describe, it } from 'vitest';
import { suite, tsunamiFactory } from '../src/index.js';

// The whole ported suite once per ordered backend of @tsunami/ets.
for (const backend of ['wavl', 'avl', 'skiplist'] as const) {
  describe(`ets_SUITE on @tsunami/ets (${backend})`, async () => {
    await suite({ test: it, factory: tsunamiFactory({ backend }) });
  });
}
