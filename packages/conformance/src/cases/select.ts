/**
 * Ported from `ets_SUITE.erl`: the match, select and match_delete cases.
 */
import type { PortedCase } from '../case.js';

/** The cases of this module, in `ets_SUITE`'s order. */
export const selectCases: readonly PortedCase[] = [];
