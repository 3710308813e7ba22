export { ErlangOracle, findOtp, OracleError, type OtpInstallation } from './oracle.js';
export { hasBehaviour, type OtpDifference, otpDifferences } from './otp-differences.js';
export { withOracle } from './testing.js';
