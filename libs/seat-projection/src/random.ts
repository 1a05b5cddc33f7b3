/**
 * Counter-based randomness. Every random number is a keyed hash of (seed, draw, seat, party) or
 * (seed, draw, pair) rather than the next value of a sequential generator, for three reasons:
 *
 * - Common random numbers: the noise on a (draw, seat, party) cell does not depend on which other
 *   cells exist, so two scenarios that differ only in a transfer rate see the same noise, and a
 *   higher rate to B can never lower B's win probability (see the monotonicity property test).
 * - Splitting: draws [0, 5000) and [5000, 10000) can run in two worker threads and merge into
 *   exactly the result of one run over [0, 10000).
 * - No state to carry between draws, hence no per-draw allocation.
 *
 * The hash is MurmurHash3's 32-bit finaliser (a bijection with full avalanche) applied to the key
 * plus a Weyl-sequence multiple of the counter.
 */

// Module-scope aliases: under Jest's vm contexts every global lookup (`Math`) in a hot loop goes
// through an interceptor and runs ~100× slower; a lexical binding avoids that everywhere.
const imul = Math.imul;
const sqrt = Math.sqrt;

/** MurmurHash3 fmix32: a bijective 32-bit mixer with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Derives the key of child `counter` from a parent key. */
export function mix(key: number, counter: number): number {
  return fmix32((key + imul(counter + 1, 0x9e3779b9)) | 0);
}

/**
 * Draw key for the national-noise and transfer-rate streams; seat indexes stay far below these,
 * so they never share a key with a seat.
 */
export const NATIONAL_STREAM = 0x4000001;
/** Counter of the transfer-rate stream under a draw key. */
export const TRANSFER_STREAM = 0x4000002;
/** Counter of the regional-noise stream under a draw key (cells region·nParties + party). */
export const REGION_STREAM = 0x4000003;

/** A seed as accepted by the public API: an integer, or a string hashed with FNV-1a. */
export type Seed = number | string;

/** Turns a seed into the 32-bit root key of all streams. */
export function seedKey(seed: Seed): number {
  if (typeof seed === 'string') {
    let h = 0x811c9dc5;
    for (let i = 0; i < seed.length; i++) {
      h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
    }
    return fmix32(h ^ 0x5eed5eed);
  }
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`seed must be a safe integer or a string, got ${seed}`);
  }
  const lo = (seed % 0x100000000) >>> 0;
  const hi = Math.floor(seed / 0x100000000) >>> 0;
  return fmix32(lo ^ mix(0x5eed5eed, hi));
}

/** A hash as a uniform number strictly inside (0, 1). */
export function unitInterval(hash: number): number {
  return (hash + 0.5) / 4294967296;
}

/** Noise tables are indexed by the top bits of a hash: 4096 equiprobable normal quantiles. */
export const NOISE_TABLE_BITS = 12;
const TABLE_SIZE = 1 << NOISE_TABLE_BITS;
/** Right shift that turns a 32-bit hash into a noise-table index. */
export const NOISE_TABLE_SHIFT = 32 - NOISE_TABLE_BITS;

/**
 * Inverse of the standard normal CDF (Acklam's rational approximation, relative error below
 * 1.2e-9), used only to build the quantile tables.
 */
export function inverseNormal(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.928510446969, 138.357751867269];
  const a5 = [-30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972];
  const b5 = -13.28068155288572;
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734];
  const c5 = [4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low || p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
    const num = ((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c5[0]) * q + c5[1];
    const den = (((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1;
    return p < low ? num / den : -num / den;
  }
  const q = p - 0.5;
  const r = q * q;
  const num = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a5[0]) * r + a5[1]) * q;
  const den = ((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b5) * r + 1;
  return num / den;
}

/** Table of the 4096 equiprobable standard normal quantiles Φ⁻¹((k + ½)/4096). */
export function normalTable(): Float64Array {
  if (!normals) {
    normals = new Float64Array(TABLE_SIZE);
    for (let k = 0; k < TABLE_SIZE; k++) {
      normals[k] = inverseNormal((k + 0.5) / TABLE_SIZE);
    }
  }
  return normals;
}
let normals: Float64Array | undefined;

/**
 * Table of log-normal factors exp(sigma·z − sigma²/2) at the 4096 equiprobable normal quantiles
 * z_k = Φ⁻¹((k + ½)/4096). The −sigma²/2 term makes each factor's mean 1, so noise does not
 * inflate a party's expected vote.
 */
export function logNormalTable(sigma: number): Float64Array {
  const table = new Float64Array(TABLE_SIZE);
  for (let k = 0; k < TABLE_SIZE; k++) {
    const z = inverseNormal((k + 0.5) / TABLE_SIZE);
    table[k] = Math.exp(sigma * z - (sigma * sigma) / 2);
  }
  return table;
}

/**
 * Inverse CDF of the triangular distribution on [low, high] with mode `mode`. For a fixed u the
 * result never decreases when low, mode or high increase, which keeps win probabilities monotone
 * in the transfer parameters under common random numbers.
 */
export function triangular(u: number, low: number, mode: number, high: number): number {
  const width = high - low;
  if (width <= 0) {
    return mode;
  }
  const split = (mode - low) / width;
  if (u < split) {
    return low + sqrt(u * width * (mode - low));
  }
  return high - sqrt((1 - u) * width * (high - mode));
}
