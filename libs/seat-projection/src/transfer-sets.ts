/**
 * `evidence`: rates from TRANSFERS.md with ranges; `upper-bound`: every vote of the party standing
 * aside goes to the beneficiary (not a forecast); `custom`: supplied by a user.
 */
export type TransferSetKind = 'evidence' | 'upper-bound' | 'custom';

/** `measured`: a figure in TRANSFERS.md; `analogy`: no measurement, borrowed from a similar leg. */
export type TransferBasis = 'measured' | 'analogy' | 'custom';

/**
 * Share of party `from`'s voters who vote for `to` when `from` fields no candidate; the rest of
 * the row abstains. `central` is the point value; Monte Carlo draws span `low`–`high`.
 */
export interface TransferRate {
  readonly from: string;
  readonly to: string;
  readonly low: number;
  readonly central: number;
  readonly high: number;
  readonly basis: TransferBasis;
  /** Citation (TRANSFERS.md) and how the range was set. */
  readonly source: string;
}

/**
 * Where in each leg's range the point value sits, *for the beneficiary* of each stand-aside:
 * `central` at each rate's central value; `pessimistic` with the leg to the beneficiary at its
 * low end and every leak to another party at its high end; `optimistic` the other way round.
 * Monte Carlo draws span every leg's low–high range, skewed towards the point value.
 */
export type TransferStance = 'central' | 'pessimistic' | 'optimistic';

/** A named, sourced transfer matrix. An `upper-bound` set has no rates: its rule is the content. */
export interface TransferSet {
  readonly name: string;
  readonly kind: TransferSetKind;
  readonly description: string;
  readonly rates: readonly TransferRate[];
  /** Default `central`; see {@link TransferStance}. */
  readonly stance?: TransferStance;
}

const EC_FON_2023 =
  'Electoral Calculus / Find Out Now poll for the Independent, Sept 2023, n = 2,881 (electoralcalculus.co.uk/blogs/ec_tactical_20230911.html)';
const LONDON_2012 = 'London mayoral second preferences 2012 (bright-green.org, 2015-12-31)';
const LONDON_2016 = 'London mayoral second preferences 2016 (mayorwatch.co.uk)';
const BES = 'British Election Study, as cited by bright-green.org';
const EC_PARAMS =
  'Electoral Calculus tactical parameters (electoralcalculus.co.uk/tactical_params.html, 2024 revision)';
const EC_PARAMS_EARLY = 'Electoral Calculus tactical parameters, earlier 2024 revision';
const RW_2022 = 'Redfield & Wilton for the New Statesman, Oct 2022';
const CPCA_2021 = 'Cambridgeshire & Peterborough mayor 2021 (New Statesman, June 2021)';
const PCC_2021 =
  'Durham and Humberside police commissioner elections 2021 (New Statesman, June 2021)';
const ROW_CAP = 'high capped so that the row’s high values sum to at most 1 (jointly attainable)';
const ANALOGY =
  'No measurement in TRANSFERS.md; an assumption by analogy with the measured legs between the other progressive parties, kept small because the row must sum to at most 1';

type Row = readonly [to: string, low: number, central: number, high: number, source: string];

function measured(from: string, rows: readonly Row[]): TransferRate[] {
  return rows.map(([to, low, central, high, source]) => ({
    from,
    to,
    low,
    central,
    high,
    basis: source === ANALOGY ? 'analogy' : 'measured',
    source,
  }));
}

/**
 * The evidence matrix (TRANSFERS.md): Green → Lab is the strongest leg, Lab → LD the weakest, and
 * LD voters leak to the Conservatives and Reform. Every row's low, central and high values each
 * sum to at most 1.
 */
const EVIDENCE: readonly TransferRate[] = [
  ...measured('green', [
    [
      'lab',
      0.47,
      0.55,
      0.62,
      `47 % ${LONDON_2012}; ≈ 50 % ${LONDON_2016}; ≈ 50 % ${EC_FON_2023}; ≈ two thirds ${BES}; 66 % in a two-way Lab–Reform contest, ${EC_PARAMS}; ${ROW_CAP}`,
    ],
    ['ld', 0.15, 0.2, 0.25, `≈ 25 % LD as second preference, ${EC_FON_2023}; low end widened`],
    ['reform', 0.01, 0.02, 0.03, `3 % to Reform, ${EC_PARAMS}`],
    ['pc', 0.02, 0.04, 0.05, ANALOGY],
    ['snp', 0.02, 0.04, 0.05, ANALOGY],
  ]),
  ...measured('lab', [
    [
      'ld',
      0.24,
      0.32,
      0.4,
      `24 % where Labour cannot win (England 2024), ${EC_PARAMS_EARLY}; 40 % of Lab 2019 voters in Con–LD marginals, ${RW_2022}`,
    ],
    ['green', 0.12, 0.17, 0.22, `22 % where Labour cannot win (England 2024), ${EC_PARAMS_EARLY}`],
    ['pc', 0.06, 0.1, 0.14, ANALOGY],
    ['snp', 0.04, 0.07, 0.1, ANALOGY],
  ]),
  ...measured('ld', [
    [
      'lab',
      0.3,
      0.45,
      0.55,
      `73 % of the 84 % expressing a second preference (≈ 61 %), ${CPCA_2021}; 65 % in a Lab–Reform contest, ${EC_PARAMS}; ${ROW_CAP}`,
    ],
    [
      'con',
      0.08,
      0.15,
      0.25,
      `45 % of LD second preferences, ${PCC_2021}: two areas, and second preferences rather than votes with the Lib Dems absent, so the range sits well below it`,
    ],
    ['reform', 0.03, 0.05, 0.09, `9 % to Reform in a Lab–Reform contest, ${EC_PARAMS}`],
    ['green', 0.02, 0.05, 0.06, ANALOGY],
    ['pc', 0.01, 0.02, 0.03, ANALOGY],
    ['snp', 0.01, 0.02, 0.02, ANALOGY],
  ]),
  ...measured('pc', [
    ['lab', 0.2, 0.3, 0.4, ANALOGY],
    ['ld', 0.05, 0.1, 0.15, ANALOGY],
    ['green', 0.05, 0.1, 0.15, ANALOGY],
  ]),
  ...measured('snp', [
    ['lab', 0.15, 0.25, 0.35, ANALOGY],
    ['green', 0.1, 0.15, 0.2, ANALOGY],
    ['ld', 0.05, 0.1, 0.15, ANALOGY],
  ]),
];

/** The transfer sets shipped with the engine, by name. */
export const TRANSFER_SETS: Readonly<Record<string, TransferSet>> = {
  central: {
    name: 'central',
    kind: 'evidence',
    description:
      'Central estimates from measured second preferences and tactical-voting polls (TRANSFERS.md); Monte Carlo draws each leg within its own low–high range.',
    rates: EVIDENCE,
    stance: 'central',
  },
  pessimistic: {
    name: 'pessimistic',
    kind: 'evidence',
    description:
      'Pessimistic for each beneficiary: the leg to the beneficiary at the low end of its range, every leak to another party at the high end. Monte Carlo draws still span each range, skewed that way.',
    rates: EVIDENCE,
    stance: 'pessimistic',
  },
  optimistic: {
    name: 'optimistic',
    kind: 'evidence',
    description:
      'Optimistic for each beneficiary: the leg to the beneficiary at the high end of its range, every leak to another party at the low end. Monte Carlo draws still span each range, skewed that way.',
    rates: EVIDENCE,
    stance: 'optimistic',
  },
  'upper-bound': {
    name: 'upper-bound',
    kind: 'upper-bound',
    description:
      'UPPER BOUND, not a forecast: every vote of the party standing aside goes to the named beneficiary, none abstain or leak. Open-source alliance calculators use this assumption; measured transfers are far lower (TRANSFERS.md).',
    rates: [],
  },
};

/**
 * Former names, still accepted: `low` and `high` once moved every rate to one end of its range,
 * so `high` also raised the leaks and could leave the beneficiary worse off; they now mean the
 * beneficiary's pessimistic and optimistic cases.
 */
const ALIASES: Readonly<Record<string, string>> = { low: 'pessimistic', high: 'optimistic' };

/** Names of the shipped transfer sets. */
export const TRANSFER_SET_NAMES: readonly string[] = Object.keys(TRANSFER_SETS);

/** A shipped transfer set by name, or `undefined`. */
export function getTransferSet(name: string): TransferSet | undefined {
  const canonical = Object.hasOwn(ALIASES, name) ? ALIASES[name] : name;
  return Object.hasOwn(TRANSFER_SETS, canonical) ? TRANSFER_SETS[canonical] : undefined;
}
