// The fuzzers' PRNG and picks come from the shared test support, re-exported under one name.
export { pick, rng } from '../support/random.js';
export type Rand = () => number;
