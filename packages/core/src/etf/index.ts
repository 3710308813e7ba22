/**
 * The Erlang External Term Format (version 131): `encode` as OTP 27's `term_to_binary`,
 * `decode` as its `binary_to_term`. See README.etf.md in the package for the mapping and limits.
 */
export { type DecodeOptions, type DecodeResult, decode } from './decode.js';
export { DecodeError } from './decode-error.js';
export { type EncodeOptions, encode } from './encode.js';
export {
  type ExportFunDescription,
  erlangFun,
  type FunDescription,
  funDescription,
  type LocalFunDescription,
} from './fun.js';
