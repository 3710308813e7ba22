/**
 * Ported from `ets_SUITE.erl`: the cases that run several processes at once.
 */
import type { PortedCase } from '../case.js';

/** The cases of this module, in `ets_SUITE`'s order. */
export const concurrencyCases: readonly PortedCase[] = [];
