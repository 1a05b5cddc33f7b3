import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { PARTIES, searchKey } from '@pactroom/election-data';
import { checkCompliance } from './check-compliance.js';
import { parseCandidates } from './parse-candidates.js';
import { DEMOCRACY_CLUB_PARTY_IDS, isPartyCode } from './party-ids.js';
import { MAX_REPORTED_PROBLEMS } from './problems.js';

const onsCode = fc
  .tuple(fc.constantFrom('E14', 'W07', 'S14', 'N06', 'N05'), fc.integer({ min: 0, max: 999_999 }))
  .map(([prefix, n]) => `${prefix}${String(n).padStart(6, '0')}`);
const partyCode = fc.constantFrom(...PARTIES.map((p) => p.code));
/** A name as the parser returns it: trimmed, inner white space single spaces, not empty. */
const name = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 24 })
  .map((s) => s.replace(/\s+/g, ' ').trim())
  .filter((s) => s !== '');
const candidate = fc.record({ onsCode, party: partyCode, name });
const uniqueCandidates = fc.uniqueArray(candidate, {
  maxLength: 30,
  selector: (c) => `${c.onsCode}|${c.party}|${searchKey(c.name)}`,
});

/** A CSV field as a spreadsheet writes it: quoted when it must be. */
const field = (value: string) =>
  /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
const csvOf = (
  rows: readonly (readonly string[])[],
  eol: string,
  bom: boolean,
  trailing: boolean,
) =>
  (bom ? '\uFEFF' : '') + rows.map((r) => r.map(field).join(',')).join(eol) + (trailing ? eol : '');
const format = fc.record({
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  bom: fc.boolean(),
  trailing: fc.boolean(),
});

/** Fragments that make headers and rows the parser recognises, to fuzz more than noise. */
const fragment = fc.oneof(
  fc.constantFrom(
    '"',
    ',',
    '\n',
    '\r\n',
    '\r',
    ' ',
    '\uFEFF',
    'ons_code',
    'party',
    'candidate',
    'election',
    'constituency',
    'person_name',
    'party_id',
    'party_name',
    'ballot_paper_id',
    'gss',
    'post_id',
    'gss:',
    'E14000735',
    'W07000041',
    'lab',
    'ld',
    'PP53',
    'PP7931',
    'party:90',
    'parl.x.2019-12-12',
  ),
  fc.string({ maxLength: 6 }),
);

describe('parseCandidates, for any input', () => {
  it('never throws, and what it returns is well formed', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(fragment, { maxLength: 80 }).map((f) => f.join('')),
        ),
        (text) => {
          const parsed = parseCandidates(text);
          expect(parsed.problems.length).toBeLessThanOrEqual(MAX_REPORTED_PROBLEMS);
          expect(parsed.problemCount).toBeGreaterThanOrEqual(parsed.problems.length);
          expect(parsed.candidates.length).toBeLessThanOrEqual(parsed.rowsRead);
          for (const c of parsed.candidates) {
            expect(c.onsCode).toMatch(/^[ENSW]\d{8}$/);
            expect(isPartyCode(c.party)).toBe(true);
            expect(c.name).not.toBe('');
          }
          for (const p of parsed.problems) {
            expect(p.line).toBeGreaterThanOrEqual(0);
            expect(p.message.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('parseCandidates reads back what was written', () => {
  it('in the minimal layout, any column order, line end, BOM and quoting', () => {
    fc.assert(
      fc.property(
        uniqueCandidates,
        fc.shuffledSubarray(['ons_code', 'party', 'candidate'] as const, { minLength: 3 }),
        format,
        (candidates, order, { eol, bom, trailing }) => {
          const value = { ons_code: 'onsCode', party: 'party', candidate: 'name' } as const;
          // Names padded and with their spaces doubled, as typed by hand: read back tidied.
          const typed = (col: (typeof order)[number], c: (typeof candidates)[number]) =>
            col === 'candidate' ? ` ${c.name.replace(/ /g, '  ')}\t` : c[value[col]];
          const rows = [order, ...candidates.map((c) => order.map((col) => typed(col, c)))];
          const parsed = parseCandidates(csvOf(rows, eol, bom, trailing));
          expect(parsed.problems).toEqual([]);
          expect(parsed.layout).toBe('minimal');
          expect(parsed.candidates).toEqual(candidates);
        },
      ),
    );
  });

  it("in Democracy Club's layout, mapping each party id to its code", () => {
    const ids = [...DEMOCRACY_CLUB_PARTY_IDS].filter(([, code]) => !code.includes('|'));
    const dcCandidate = fc.record({
      onsCode,
      id: fc.constantFrom(...ids),
      name,
      slug: fc.stringMatching(/^[a-z]+(-[a-z]+)*$/),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(dcCandidate, {
          maxLength: 30,
          selector: (c) => `${c.onsCode}|${c.id[1]}|${searchKey(c.name)}`,
        }),
        format,
        (rows, { eol, bom, trailing }) => {
          const header = [
            'person_id',
            'person_name',
            'election_id',
            'ballot_paper_id',
            'party_name',
            'party_id',
            'gss',
          ];
          const body = rows.map((r, i) => [
            String(i + 1),
            r.name,
            'parl.2024-07-04',
            `parl.${r.slug}.2024-07-04`,
            'Some Party, Ltd',
            r.id[0],
            r.onsCode,
          ]);
          const parsed = parseCandidates(csvOf([header, ...body], eol, bom, trailing));
          expect(parsed.problems).toEqual([]);
          expect(parsed.candidates).toEqual(
            rows.map((r) => ({
              onsCode: r.onsCode,
              party: r.id[1],
              name: r.name,
              ballotPaperId: `parl.${r.slug}.2024-07-04`,
            })),
          );
        },
      ),
    );
  });
});

describe('checkCompliance agrees with its definition', () => {
  const seat = fc.constantFrom('E14000735', 'E14000786', 'W07000041', 'S14000031');
  const party = fc.constantFrom('lab', 'ld', 'green', 'pc', 'brexit', 'reform', 'ind');
  const standAside = fc.record({ party, constituency: seat, beneficiary: party });
  const nominated = fc.record({ onsCode: seat, party, name: fc.constantFrom('A', 'B', 'C') });

  it('for any stand-asides and candidates', () => {
    fc.assert(
      fc.property(
        fc.array(standAside, { maxLength: 12 }),
        fc.array(nominated, { maxLength: 20 }),
        (promises, field) => {
          const report = checkCompliance(promises, field);
          expect(report.standAsides).toHaveLength(promises.length);
          report.standAsides.forEach((result, i) => {
            const promise = promises[i];
            expect(result).toMatchObject(promise ?? {});
            const there = field.filter((c) => c.onsCode === promise?.constituency);
            // Written out, not partyFamily: brexit and reform are one party, every other code itself.
            const family = (p: string) => (p === 'reform' ? 'brexit' : p);
            const of = (p: string) =>
              there.filter((c) => family(c.party) === family(p)).map((c) => c.name);
            if (there.length === 0) {
              expect(result.status).toBe('unknown');
              expect(result.beneficiaryStood).toBeNull();
            } else {
              expect(result.status).toBe(of(result.party).length > 0 ? 'breached' : 'kept');
              expect(result.breachingCandidates).toEqual(of(result.party));
              expect(result.beneficiaryStood).toBe(of(result.beneficiary).length > 0);
            }
          });
          const { summary } = report;
          expect(summary.kept + summary.breached + summary.unknown).toBe(summary.total);
        },
      ),
    );
  });

  it('a candidate of the promising party in the seat always makes the promise breached', () => {
    fc.assert(
      fc.property(standAside, fc.array(nominated, { maxLength: 20 }), (promise, field) => {
        const extra = { onsCode: promise.constituency, party: promise.party, name: 'Z' };
        for (const list of [
          [...field, extra],
          [extra, ...field],
        ]) {
          const [result] = checkCompliance([promise], list).standAsides;
          expect(result?.status).toBe('breached');
          expect(result?.breachingCandidates).toContain('Z');
        }
      }),
    );
  });

  it('does not depend on the order of the candidates', () => {
    fc.assert(
      fc.property(
        fc.array(standAside, { maxLength: 8 }),
        fc.array(nominated, { maxLength: 20 }),
        fc.func(fc.integer()),
        (promises, field, rank) => {
          const shuffled = [...field].sort(
            (a, b) => rank(a.name + a.onsCode) - rank(b.name + b.onsCode),
          );
          const statuses = (list: typeof field) =>
            checkCompliance(promises, list).standAsides.map((r) => [r.status, r.beneficiaryStood]);
          expect(statuses(shuffled)).toEqual(statuses(field));
        },
      ),
    );
  });
});
