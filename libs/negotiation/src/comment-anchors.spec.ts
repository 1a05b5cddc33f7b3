import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ACTORS, HASTINGS, LEWES, SWAP, SWAP_PLUS, proposedPact } from '../test/fixtures.js';
import {
  MAX_COMMENT_LENGTH,
  checkComment,
  checkCommentAnchor,
  checkCommentText,
  commenterCapacity,
} from './index.js';

describe('checkCommentAnchor', () => {
  it('accepts a stand-aside of the revision, keyed by seat and the party standing aside', () => {
    expect(
      checkCommentAnchor(SWAP, { kind: 'stand-aside', constituency: LEWES, party: 'lab' }),
    ).toEqual({ ok: true, anchor: { kind: 'stand-aside', constituency: LEWES, party: 'lab' } });
  });

  it('refuses a stand-aside the revision does not have, naming the field and the item', () => {
    // Labour stands aside in Lewes, not in Hastings.
    expect(
      checkCommentAnchor(SWAP, { kind: 'stand-aside', constituency: HASTINGS, party: 'lab' }),
    ).toEqual({
      ok: false,
      code: 'UNKNOWN_ANCHOR',
      field: 'anchor.constituency',
      message: `Stand-aside lab in ${HASTINGS}: this revision has no such stand-aside`,
    });
  });

  it('accepts commitments by position from 0 and refuses any other number', () => {
    expect(checkCommentAnchor(SWAP_PLUS, { kind: 'commitment', index: 0 })).toEqual({
      ok: true,
      anchor: { kind: 'commitment', index: 0 },
    });
    expect(checkCommentAnchor(SWAP_PLUS, { kind: 'commitment', index: 1 })).toMatchObject({
      ok: false,
      field: 'anchor.index',
      message: 'Commitment 1: this revision has commitments 0 to 0',
    });
    expect(checkCommentAnchor(SWAP, { kind: 'commitment', index: 0 })).toMatchObject({
      ok: false,
      message: 'Commitment 0: this revision has no commitments',
    });
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double()), (index) => {
        const ok = checkCommentAnchor(SWAP_PLUS, { kind: 'commitment', index }).ok;
        expect(ok).toBe(index === 0);
      }),
    );
  });

  it('keeps only the anchor’s own fields', () => {
    const loose = { kind: 'general', index: 3, extra: 'x' } as never;
    expect(checkCommentAnchor(SWAP, loose)).toEqual({ ok: true, anchor: { kind: 'general' } });
  });
});

describe('checkCommentText', () => {
  it('trims, and keeps the text otherwise as written (escaping is the reader’s job)', () => {
    expect(checkCommentText('  <b>Lewes</b> & "Hastings"\n')).toEqual({
      ok: true,
      text: '<b>Lewes</b> & "Hastings"',
    });
  });

  it('refuses blank, over-long and NUL-bearing text', () => {
    expect(checkCommentText(' \n\t ')).toMatchObject({ ok: false, field: 'text' });
    expect(checkCommentText('a'.repeat(MAX_COMMENT_LENGTH + 1)).ok).toBe(false);
    expect(checkCommentText(`  ${'a'.repeat(MAX_COMMENT_LENGTH)}  `).ok).toBe(true);
    expect(checkCommentText(`fine${String.fromCharCode(0)}`)).toMatchObject({
      ok: false,
      message: 'text must not contain NUL characters',
    });
  });

  it('accepts exactly the texts of 1 to 2000 characters after trimming, without NUL', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2100 }), (text) => {
        const trimmed = text.trim();
        const expected =
          !text.includes(String.fromCharCode(0)) &&
          trimmed.length >= 1 &&
          trimmed.length <= MAX_COMMENT_LENGTH;
        const checked = checkCommentText(text);
        expect(checked.ok).toBe(expected);
        if (checked.ok) {
          expect(checked.text).toBe(trimmed);
        }
      }),
    );
  });
});

describe('checkComment', () => {
  it('checks the text first, then the anchor', () => {
    const anchor = { kind: 'commitment', index: 9 } as const;
    expect(checkComment(SWAP, anchor, ' ')).toMatchObject({ ok: false, field: 'text' });
    expect(checkComment(SWAP, anchor, 'why?')).toMatchObject({ ok: false, field: 'anchor.index' });
    expect(checkComment(SWAP_PLUS, { kind: 'commitment', index: 0 }, ' why? ')).toEqual({
      ok: true,
      anchor: { kind: 'commitment', index: 0 },
      text: 'why?',
    });
  });
});

describe('commenterCapacity', () => {
  const pact = proposedPact();

  it('is an officer of a participant, the HQ covering one, or a coordinator overseeing it', () => {
    expect(commenterCapacity(pact, ACTORS.labOfficer)).toEqual({
      role: 'officer',
      localPartyId: 'lp-lab-lewes',
      party: 'lab',
    });
    expect(commenterCapacity(pact, ACTORS.ldNational)).toEqual({
      role: 'national',
      party: 'ld',
      region: null,
    });
    expect(commenterCapacity(pact, ACTORS.labCoordinator)).toEqual({
      role: 'coordinator',
      party: 'lab',
      region: 'south-east',
    });
  });

  it('is nobody else: outsiders, other regions, members and admins', () => {
    for (const actor of [
      ACTORS.outsider,
      ACTORS.greenCoordinator,
      ACTORS.labWalesCoordinator,
      ACTORS.labWalesNational,
      ACTORS.greenNational,
      ACTORS.labMember,
      ACTORS.admin,
    ]) {
      expect(commenterCapacity(pact, actor)).toBeUndefined();
    }
  });
});
