/**
 * Ported from `ets_SUITE.erl`: the table-file, info and miscellaneous cases.
 */
import type { PortedCase } from '../case.js';

/** The cases of this module, in `ets_SUITE`'s order. */
export const fileAndInfoCases: readonly PortedCase[] = [];
