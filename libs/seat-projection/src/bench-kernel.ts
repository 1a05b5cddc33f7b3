import { type PreparedScenario } from './prepare-scenario.js';
import { type NoiseModel } from './simulate.js';
import { strongholdEntries } from './strongholds.js';
import {
  NATIONAL_STREAM,
  NOISE_TABLE_SHIFT,
  REGION_STREAM,
  TRANSFER_STREAM,
  mix,
  normalTable,
  seedKey,
  triangular,
  unitInterval,
} from './random.js';

/**
 * Input of the minimal kernel, in the engine's sparse layout (seat rows of entries, in party
 * order) but with every stand-aside reduced to one leg, from entry `saFromEntry` to entry
 * `saToEntry` (parties `saFrom` → `saTo`, which key its random rate), sorted by seat.
 */
export interface KernelInput {
  readonly nSeats: number;
  readonly nParties: number;
  readonly rowStart: Int32Array;
  readonly entryParty: Int32Array;
  readonly entryVotes: Float64Array;
  /** Noise scale per entry, votes per unit of c: valid·√(x(1−x)). */
  readonly entrySd: Float64Array;
  /** 1 where the entry is a small party's stronghold (its seat noise has the stronghold c). */
  readonly entryStronghold: Uint8Array;
  readonly seatRegion: Int32Array;
  readonly nRegions: number;
  readonly saSeat: Int32Array;
  readonly saFrom: Int32Array;
  readonly saTo: Int32Array;
  readonly saFromEntry: Int32Array;
  readonly saToEntry: Int32Array;
  readonly saLow: Float64Array;
  readonly saCentral: Float64Array;
  readonly saHigh: Float64Array;
}

/**
 * Kernel input from a prepared scenario, keeping of each stand-aside only its leg to the
 * beneficiary (exactly the scenario under an `upper-bound` set). Stand-asides by a party that
 * fielded nobody are dropped, as they move no votes.
 */
export function kernelInputFrom(p: PreparedScenario): KernelInput {
  const kept: number[] = [];
  const pair: number[] = [];
  for (let k = 0; k < p.standAsides.length; k++) {
    if (p.saEntry[k] < 0) {
      continue;
    }
    let leg = -1;
    for (let t = p.trStart[k]; t < p.trStart[k + 1]; t++) {
      if (p.trEntry[t] === p.saBeneficiaryEntry[k]) {
        leg = p.trPair[t];
      }
    }
    kept.push(k);
    pair.push(leg);
  }
  const regions = new Map<string, number>();
  const seatRegion = Int32Array.from(p.regions, (r) => {
    if (!regions.has(r)) {
      regions.set(r, regions.size);
    }
    return regions.get(r) ?? 0;
  });
  const entrySd = new Float64Array(p.entryVotes.length);
  for (let seat = 0; seat < p.nSeats; seat++) {
    for (let e = p.rowStart[seat]; e < p.rowStart[seat + 1]; e++) {
      const x = Math.min(1, p.entryVotes[e] / p.validVotes[seat]);
      entrySd[e] = p.validVotes[seat] * Math.sqrt(x * (1 - x));
    }
  }
  const range = (values: Float64Array) =>
    Float64Array.from(pair, (leg) => (leg < 0 ? 0 : values[leg]));
  return {
    nSeats: p.nSeats,
    nParties: p.nParties,
    rowStart: p.rowStart,
    entryParty: p.entryParty,
    entryVotes: p.entryVotes,
    entrySd,
    entryStronghold: strongholdEntries(p),
    seatRegion,
    nRegions: regions.size,
    saSeat: Int32Array.from(kept, (k) => p.saSeat[k]),
    saFrom: Int32Array.from(kept, (k) => p.saParty[k]),
    saTo: Int32Array.from(kept, (k) => p.saBeneficiary[k]),
    saFromEntry: Int32Array.from(kept, (k) => p.saEntry[k]),
    saToEntry: Int32Array.from(kept, (k) => p.saBeneficiaryEntry[k]),
    saLow: range(p.pairLow),
    saCentral: range(p.pairCentral),
    saHigh: range(p.pairHigh),
  };
}

/** Minimal deterministic projection at central rates: adds each seat's winner to `seatsOut`. */
export function kernelDeterministic(input: KernelInput, seatsOut: Int32Array): void {
  const { nSeats, rowStart, entryParty, entryVotes, saSeat, saFromEntry, saToEntry, saCentral } =
    input;
  const w = new Float64Array(entryVotes.length);
  w.set(entryVotes);
  let k = 0;
  for (let seat = 0; seat < nSeats; seat++) {
    for (; k < saSeat.length && saSeat[k] === seat; k++) {
      const moved = w[saFromEntry[k]];
      w[saFromEntry[k]] = -1;
      w[saToEntry[k]] += saCentral[k] * moved;
    }
    let best = rowStart[seat];
    for (let e = best + 1; e < rowStart[seat + 1]; e++) {
      if (w[e] > w[best]) {
        best = e;
      }
    }
    seatsOut[entryParty[best]]++;
  }
}

/**
 * Minimal Monte Carlo with the engine's arithmetic (same hashes, noise tables, triangular rates
 * and tie rule) in one loop: adds draws won per seat × party to `winsOut`. For benchmarks.
 */
export function kernelMonteCarlo(
  input: KernelInput,
  draws: number,
  seed: number,
  noise: NoiseModel,
  winsOut: Int32Array,
): void {
  const { nSeats, nParties, rowStart, entryParty, entryVotes, entrySd, seatRegion, nRegions } =
    input;
  const seatSd = Float64Array.from(
    entrySd,
    (sd, e) => sd * (input.entryStronghold[e] ? noise.stronghold : noise.seat),
  );
  const { saSeat, saFrom, saTo, saFromEntry, saToEntry, saLow, saCentral, saHigh } = input;
  const normal = normalTable();
  const root = seedKey(seed);
  const national = new Float64Array(nParties);
  const regional = new Float64Array(nRegions * nParties);
  const rates = new Float64Array(saSeat.length);
  const w = new Float64Array(entryVotes.length);
  for (let d = 0; d < draws; d++) {
    const drawKey = mix(root, d);
    const nationalKey = mix(drawKey, NATIONAL_STREAM);
    for (let j = 0; j < nParties; j++) {
      national[j] = noise.national * normal[mix(nationalKey, j) >>> NOISE_TABLE_SHIFT];
    }
    const regionKey = mix(drawKey, REGION_STREAM);
    for (let cell = 0; cell < regional.length; cell++) {
      regional[cell] =
        national[cell % nParties] +
        noise.regional * normal[mix(regionKey, cell) >>> NOISE_TABLE_SHIFT];
    }
    const transferKey = mix(drawKey, TRANSFER_STREAM);
    for (let k = 0; k < saSeat.length; k++) {
      const u = unitInterval(mix(transferKey, saFrom[k] * nParties + saTo[k]));
      rates[k] = triangular(u, saLow[k], saCentral[k], saHigh[k]);
    }
    let k = 0;
    for (let seat = 0; seat < nSeats; seat++) {
      const seatKey = mix(drawKey, seat);
      const end = rowStart[seat + 1];
      for (let e = rowStart[seat]; e < end; e++) {
        const party = entryParty[e];
        const v =
          entryVotes[e] +
          entrySd[e] * regional[seatRegion[seat] * nParties + party] +
          seatSd[e] * normal[mix(seatKey, party) >>> NOISE_TABLE_SHIFT];
        w[e] = v > 0 ? v : 0;
      }
      for (; k < saSeat.length && saSeat[k] === seat; k++) {
        const moved = w[saFromEntry[k]];
        w[saFromEntry[k]] = -1;
        w[saToEntry[k]] += rates[k] * moved;
      }
      let best = rowStart[seat];
      for (let e = best + 1; e < end; e++) {
        if (w[e] > w[best]) {
          best = e;
        }
      }
      winsOut[seat * nParties + entryParty[best]]++;
    }
  }
}
