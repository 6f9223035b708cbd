// @conveyor/rate-limit: token buckets per name, for anything a process must slow down (requests per
// API key, failed logins per client address).
export { createTokenBuckets, type RateLimit, type TokenBuckets } from './token-buckets.ts';
