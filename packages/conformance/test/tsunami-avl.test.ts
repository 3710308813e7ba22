import { describe, it } from 'vitest';
import { suite, tsunamiFactory } from '../src/index.js';

// The whole ported suite on @tsunami/ets with ordered_set on avl (one file per backend, so
// vitest runs the backends in parallel).
describe('ets_SUITE on @tsunami/ets (avl)', async () => {
  await suite({ test: it, factory: tsunamiFactory({ backend: 'avl' }) });
});
