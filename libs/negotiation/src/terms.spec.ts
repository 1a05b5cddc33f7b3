import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  BRIGHTON_PAVILION,
  CEREDIGION,
  EASTBOURNE,
  HASTINGS,
  LAB_CEREDIGION,
  LAB_LEWES,
  LD_SUSSEX,
  LEWES,
  REGIONS_OF,
  SWAP,
  SWAP_WALES,
} from '../test/fixtures.js';
import {
  diffTerms,
  conflictNotices,
  findConflicts,
  normalizeTerms,
  requiredApprovalSlots,
  termsHash,
  validateTerms,
  type StandAside,
  type Terms,
  type TermsProblemCode,
} from './index.js';

const context = { participants: [LD_SUSSEX, LAB_LEWES], constituencyRegions: REGIONS_OF };
const leg = (party: string, constituency: string, beneficiary: string): StandAside => ({
  party,
  constituency,
  beneficiary,
});
const terms = (standAsides: StandAside[], commitments: Terms['commitments'] = []): Terms => ({
  standAsides,
  commitments,
});

describe('validateTerms', () => {
  it('accepts the Hastings-for-Lewes swap', () => {
    expect(validateTerms(SWAP, context)).toEqual([]);
  });

  it.each<[string, Terms, TermsProblemCode[]]>([
    ['no stand-aside', terms([]), ['NO_STAND_ASIDES']],
    [
      'a constituency outside the election',
      terms([leg('ld', 'E14999999', 'lab')]),
      ['UNKNOWN_CONSTITUENCY'],
    ],
    ['a party standing aside for itself', terms([leg('ld', HASTINGS, 'ld')]), ['SELF_BENEFICIARY']],
    [
      'a beneficiary that takes no part',
      terms([leg('ld', HASTINGS, 'green')]),
      ['BENEFICIARY_NOT_PARTICIPANT'],
    ],
    [
      'a party with no local party covering the seat',
      terms([leg('lab', HASTINGS, 'ld')]),
      ['PARTY_NOT_REPRESENTED'],
    ],
    [
      'a seat of another participant’s patch',
      terms([leg('ld', BRIGHTON_PAVILION, 'lab')]),
      ['PARTY_NOT_REPRESENTED'],
    ],
    [
      'a duplicate stand-aside',
      terms([leg('ld', HASTINGS, 'lab'), leg('ld', HASTINGS, 'lab')]),
      ['DUPLICATE_STAND_ASIDE'],
    ],
    [
      'the same party and seat with two beneficiaries',
      terms([leg('ld', HASTINGS, 'lab'), leg('ld', HASTINGS, 'green')]),
      ['BENEFICIARY_NOT_PARTICIPANT', 'DUPLICATE_STAND_ASIDE'],
    ],
    [
      'each party standing aside for the other in one seat',
      terms([leg('ld', LEWES, 'lab'), leg('lab', LEWES, 'ld')]),
      ['BENEFICIARY_STANDS_ASIDE', 'BENEFICIARY_STANDS_ASIDE'],
    ],
    [
      'a commitment owed by a non-participant',
      terms([leg('ld', HASTINGS, 'lab')], [{ party: 'green', text: 'x' }]),
      ['COMMITMENT_PARTY_NOT_PARTICIPANT'],
    ],
    [
      'a blank commitment',
      terms([leg('ld', HASTINGS, 'lab')], [{ party: 'lab', text: ' ' }]),
      ['EMPTY_COMMITMENT'],
    ],
    [
      'a repeated commitment',
      terms(
        [leg('ld', HASTINGS, 'lab')],
        [
          { party: 'lab', text: 'PR' },
          { party: 'lab', text: 'PR' },
        ],
      ),
      ['DUPLICATE_COMMITMENT'],
    ],
  ])('finds %s', (_name, candidate, codes) => {
    expect(
      validateTerms(candidate, context)
        .map((p) => p.code)
        .sort(),
    ).toEqual([...codes].sort());
  });

  it('finds participants of a single party', () => {
    const codes = validateTerms(SWAP, { ...context, participants: [LD_SUSSEX] }).map((p) => p.code);
    expect(codes.sort()).toEqual(
      ['BENEFICIARY_NOT_PARTICIPANT', 'PARTY_NOT_REPRESENTED', 'TOO_FEW_PARTIES'].sort(),
    );
  });

  it('points at the offending field', () => {
    const problems = validateTerms(
      terms([leg('ld', HASTINGS, 'lab'), leg('ld', HASTINGS, 'ld')]),
      context,
    );
    expect(problems).toEqual([
      expect.objectContaining({ code: 'SELF_BENEFICIARY', path: 'standAsides[1].beneficiary' }),
      expect.objectContaining({ code: 'DUPLICATE_STAND_ASIDE', path: 'standAsides[1]' }),
    ]);
  });

  it('reports malformed input instead of throwing', () => {
    const malformed = { standAsides: null } as unknown as Terms;
    expect(validateTerms(malformed, context).map((p) => p.code)).toEqual(['MALFORMED']);
  });
});

describe('normalizeTerms and termsHash', () => {
  it('ignore stand-aside order and unknown fields, but not commitment order', () => {
    const shuffled = {
      standAsides: [...SWAP.standAsides].reverse().map((s) => ({ ...s, note: 'x' })),
      commitments: [],
    };
    expect(normalizeTerms(shuffled)).toEqual(normalizeTerms(SWAP));
    expect(termsHash(shuffled)).toBe(termsHash(SWAP));
    const a = terms(
      [],
      [
        { party: 'lab', text: 'a' },
        { party: 'ld', text: 'b' },
      ],
    );
    const b = terms(
      [],
      [
        { party: 'ld', text: 'b' },
        { party: 'lab', text: 'a' },
      ],
    );
    expect(termsHash(a)).not.toBe(termsHash(b));
  });

  it('hash the canonical JSON (recomputable by hand)', () => {
    const byHand =
      '{"commitments":[],"standAsides":[{"beneficiary":"lab","constituency":"E14000735","party":"ld"}]}';
    expect(termsHash(terms([leg('ld', HASTINGS, 'lab')]))).toBe(
      createHash('sha256').update(byHand, 'utf8').digest('hex'),
    );
  });
});

describe('requiredApprovalSlots', () => {
  it('is every participating party × every region the stand-asides touch', () => {
    const participants = [LD_SUSSEX, LAB_LEWES, LAB_CEREDIGION];
    expect(requiredApprovalSlots(SWAP, { participants, constituencyRegions: REGIONS_OF })).toEqual([
      { party: 'lab', region: 'south-east' },
      { party: 'ld', region: 'south-east' },
    ]);
    expect(
      requiredApprovalSlots(SWAP_WALES, { participants, constituencyRegions: REGIONS_OF }),
    ).toEqual([
      { party: 'lab', region: 'south-east' },
      { party: 'lab', region: 'wales' },
      { party: 'ld', region: 'south-east' },
      { party: 'ld', region: 'wales' },
    ]);
  });
});

describe('findConflicts', () => {
  const live = (
    pactId: string,
    standAsides: StandAside[],
    status: 'proposed' | 'signed' | 'ratified' | 'declined' = 'ratified',
  ) => ({
    pactId,
    status,
    standAsides,
  });

  it.each([
    ['no shared seat', [leg('green', BRIGHTON_PAVILION, 'lab')], []],
    ['the same leg in both pacts', [leg('ld', HASTINGS, 'lab')], []],
    ['another party standing aside for the same beneficiary', [leg('green', HASTINGS, 'lab')], []],
    [
      'the same party and seat, another beneficiary',
      [leg('ld', HASTINGS, 'green')],
      ['DIFFERENT_BENEFICIARY'],
    ],
    [
      'our standing-aside party benefits there in the other pact',
      [leg('green', HASTINGS, 'ld')],
      ['BENEFICIARY_STANDS_ASIDE'],
    ],
    [
      'our beneficiary stands aside there in the other pact',
      [leg('lab', LEWES, 'green')],
      ['DIFFERENT_BENEFICIARY'],
    ],
    [
      'our beneficiary stands aside there for someone else',
      [leg('lab', HASTINGS, 'green')],
      ['BENEFICIARY_STANDS_ASIDE'],
    ],
  ])('%s', (_name, theirs, kinds) => {
    expect(findConflicts(SWAP, [live('other', theirs)]).map((c) => c.kind)).toEqual(kinds);
  });

  it.each([
    ['the party standing aside twice', leg('ld', HASTINGS, 'green'), 'ld'],
    ['the party standing aside where it benefits', leg('green', HASTINGS, 'ld'), 'ld'],
    ['the beneficiary that stands aside there', leg('lab', HASTINGS, 'green'), 'lab'],
  ])('names the committed party: %s', (_name, theirs, party) => {
    expect(findConflicts(SWAP, [live('other', [theirs])]).map((c) => c.committedParty)).toEqual([
      party,
    ]);
  });

  it('tells a caller only of their own party’s commitments, once, without the other pacts', () => {
    const clash = [leg('ld', HASTINGS, 'green')];
    const conflicts = findConflicts(SWAP, [live('secret', clash), live('another', clash)]);
    expect(conflicts).toHaveLength(2);
    expect(conflictNotices(conflicts, 'lab')).toEqual([]);
    expect(conflictNotices(conflicts, 'ld')).toEqual([
      {
        kind: 'DIFFERENT_BENEFICIARY',
        constituency: HASTINGS,
        standAside: leg('ld', HASTINGS, 'lab'),
        committedParty: 'ld',
      },
    ]);
  });

  it('names both legs', () => {
    expect(findConflicts(SWAP, [live('other', [leg('ld', HASTINGS, 'green')])])).toEqual([
      {
        kind: 'DIFFERENT_BENEFICIARY',
        pactId: 'other',
        constituency: HASTINGS,
        standAside: leg('ld', HASTINGS, 'lab'),
        other: leg('ld', HASTINGS, 'green'),
        committedParty: 'ld',
      },
    ]);
  });

  it('counts only pacts that hold their seats (signed, ratified), and never the pact itself', () => {
    const clash = [leg('ld', HASTINGS, 'green')];
    expect(findConflicts(SWAP, [live('old', clash, 'declined')])).toEqual([]);
    expect(findConflicts(SWAP, [live('offer', clash, 'proposed')])).toEqual([]);
    expect(findConflicts(SWAP, [live('self', clash, 'signed')], 'self')).toEqual([]);
    expect(findConflicts(SWAP, [live('other', clash, 'signed')], 'self')).toHaveLength(1);
  });
});

describe('diffTerms', () => {
  it('is empty between equal terms', () => {
    expect(diffTerms(SWAP, normalizeTerms(SWAP))).toEqual({
      standAsides: { added: [], removed: [], changed: [] },
      commitments: { added: [], removed: [] },
    });
  });

  it('finds added, removed and changed stand-asides and commitments', () => {
    const from = terms(
      [leg('ld', HASTINGS, 'lab'), leg('lab', LEWES, 'ld'), leg('lab', EASTBOURNE, 'ld')],
      [
        { party: 'lab', text: 'PR' },
        { party: 'ld', text: 'Joint leaflet' },
      ],
    );
    const to = terms(
      [leg('lab', LEWES, 'green'), leg('ld', HASTINGS, 'lab'), leg('lab', CEREDIGION, 'ld')],
      [
        { party: 'lab', text: 'PR' },
        { party: 'ld', text: 'Joint leaflets' },
      ],
    );
    expect(diffTerms(from, to)).toEqual({
      standAsides: {
        added: [leg('lab', CEREDIGION, 'ld')],
        removed: [leg('lab', EASTBOURNE, 'ld')],
        changed: [{ party: 'lab', constituency: LEWES, from: 'ld', to: 'green' }],
      },
      commitments: {
        added: [{ party: 'ld', text: 'Joint leaflets' }],
        removed: [{ party: 'ld', text: 'Joint leaflet' }],
      },
    });
  });

  it('is symmetric: reversing swaps added and removed', () => {
    const d1 = diffTerms(SWAP, SWAP_WALES);
    const d2 = diffTerms(SWAP_WALES, SWAP);
    expect(d1.standAsides.added).toEqual(d2.standAsides.removed);
    expect(d1.standAsides.removed).toEqual(d2.standAsides.added);
  });
});
