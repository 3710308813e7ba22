/**
 * The tag bytes of the Erlang External Term Format, version 131, as named in OTP's
 * `erts/emulator/beam/external.h` and the "External Term Format" chapter of the ERTS User's Guide.
 */

/** The version byte every external term starts with. */
export const VERSION = 131;

export const Tag = {
  NewFloat: 70,
  BitBinary: 77,
  Compressed: 80,
  AtomCacheReference: 82,
  DistributionHeader: 68,
  DistributionFragmentHeader: 69,
  NewPid: 88,
  NewPort: 89,
  NewerReference: 90,
  SmallInteger: 97,
  Integer: 98,
  Float: 99,
  Atom: 100,
  Reference: 101,
  Port: 102,
  Pid: 103,
  SmallTuple: 104,
  LargeTuple: 105,
  Nil: 106,
  String: 107,
  List: 108,
  Binary: 109,
  SmallBig: 110,
  LargeBig: 111,
  NewFun: 112,
  Export: 113,
  NewReference: 114,
  SmallAtom: 115,
  Map: 116,
  AtomUtf8: 118,
  SmallAtomUtf8: 119,
  V4Port: 120,
  Local: 121,
} as const;
