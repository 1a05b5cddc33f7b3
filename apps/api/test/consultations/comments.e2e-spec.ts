// Issue 15: comments anchored to terms. On Hastings-for-Lewes the participants' officers (and the
// Lib Dems' HQ) and the coordinators overseeing it comment on a stand-aside, a commitment or the
// terms; the members consulted on a revision comment while their consultation is open and read
// afterwards; everyone else gets the 404 of a pact that does not exist. A counter leaves the old
// comments on revision 1 (no longer current) and revision 2 starts empty.
import { describe, expect, it } from '@jest/globals';
import { createAccount } from '../support/factories.js';
import { demoPactFixture, get, localPartyId, post } from '../support/pacts.js';
import { sessionTokens } from '../support/sessions.js';

const PER_MINUTE = 40;
const f = demoPactFixture(
  [
    'officer.ld.hastings',
    'officer.lab.lewes',
    'officer.lab.hastings',
    'officer.green.pavilion',
    'coord.lab.southeast',
    'coord.ld.southeast',
    'hq.ld',
    'member.green',
    'admin',
  ],
  { PACTROOM_COMMANDS_PER_MINUTE: String(PER_MINUTE) },
);

const LEWES = 'E14000786';
const HASTINGS = 'E14000735';
const NUL = String.fromCharCode(0);
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
const path = (id: string, n: number) => `/api/pacts/${id}/revisions/${n}/comments`;
const comment = (token: string, id: string, n: number, anchor: object, text: string) =>
  post(f.t, token, path(id, n), { anchor, text });
const LAB_IN_LEWES = { kind: 'stand-aside', constituency: LEWES, party: 'lab' };

interface Listed {
  items: { text: string; revision: number; current: boolean; authorRole: string }[];
  nextCursor: string | null;
}

/** Members of a local party, signed in. */
async function members(count: number, grant: Record<string, string>): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push((await createAccount(f.t, [{ role: 'member', ...grant }])).id);
  }
  return sessionTokens(f.t, ids);
}

/** Hastings-for-Lewes proposed by the Hastings Lib Dems and signed by Lewes Labour. */
async function signedPact(title: string): Promise<string> {
  const created = await f.create({ title });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const signed = await post(f.t, f.token('officer.lab.lewes'), `/api/pacts/${id}/sign`, {
    revision: created.body.revision.number,
    hash: created.body.revision.hash,
  });
  expect(signed.body.status).toBe('signed');
  return id;
}

describe('participants comment on the terms of a revision', () => {
  let id = '';

  it('officers, the HQ and coordinators comment on a stand-aside and the terms', async () => {
    const created = await f.create({ title: 'Commented: Hastings for Lewes' });
    id = created.body.id as string;
    const byLab = await comment(
      f.token('officer.lab.lewes'),
      id,
      1,
      LAB_IN_LEWES,
      '  Lewes is the seat we can win with the Lib Dems  ',
    );
    expect(byLab.status).toBe(201);
    expect(byLab.body).toMatchObject({
      revision: 1,
      anchor: LAB_IN_LEWES,
      text: 'Lewes is the seat we can win with the Lib Dems',
      authorRole: 'officer',
      localPartyName: 'Lewes Labour',
      party: 'lab',
      current: true,
    });
    expect(byLab.body.region).toBeUndefined();
    const byCoord = await comment(
      f.token('coord.ld.southeast'),
      id,
      1,
      { kind: 'stand-aside', constituency: HASTINGS, party: 'ld' },
      'Hastings members will want a say',
    );
    expect(byCoord.status).toBe(201);
    expect(byCoord.body).toMatchObject({
      authorRole: 'coordinator',
      party: 'ld',
      region: 'south-east',
    });
    expect(byCoord.body.localPartyName).toBeUndefined();
    const byHq = await comment(f.token('hq.ld'), id, 1, { kind: 'general' }, 'Cleared by HQ');
    expect(byHq.status).toBe(201);
    expect(byHq.body).toMatchObject({
      authorName: 'Lib Dem HQ',
      authorRole: 'national',
      party: 'ld',
      region: null,
    });
    const byAuthor = await comment(
      f.token('officer.ld.hastings'),
      id,
      1,
      { kind: 'general' },
      'Happy with this',
    );
    expect(byAuthor.body).toMatchObject({
      authorRole: 'officer',
      localPartyName: 'Hastings and Rye Liberal Democrats',
    });
  });

  it('lists them oldest first, in pages with a cursor; admins read but do not write', async () => {
    const first = await get(f.t, f.token('coord.lab.southeast'), `${path(id, 1)}?limit=3`);
    expect(first.status).toBe(200);
    const body = first.body as Listed;
    expect(body.items.map((c) => c.authorRole)).toEqual(['officer', 'coordinator', 'national']);
    expect(body.nextCursor).toEqual(expect.any(String));
    const next = await get(
      f.t,
      f.token('coord.lab.southeast'),
      `${path(id, 1)}?limit=3&cursor=${encodeURIComponent(body.nextCursor ?? '')}`,
    );
    expect((next.body as Listed).items.map((c) => c.text)).toEqual(['Happy with this']);
    expect((next.body as Listed).nextCursor).toBeNull();
    const admin = await get(f.t, f.token('admin'), path(id, 1));
    expect((admin.body as Listed).items).toHaveLength(4);
    const write = await comment(f.token('admin'), id, 1, { kind: 'general' }, 'Admin here');
    expect(write.status).toBe(403);
    expect(write.body.code).toBe('NOT_A_COMMENTER');
    const badCursor = await get(f.t, f.token('admin'), `${path(id, 1)}?cursor=nonsense`);
    expect(badCursor.body.code).toBe('INVALID_CURSOR');
    expect((await get(f.t, f.token('admin'), path(id, 9))).body.code).toBe('REVISION_NOT_FOUND');
  });

  it('refuses anchors the revision does not have, naming the field and the item', async () => {
    const token = f.token('officer.lab.lewes');
    const wrongSeat = await comment(
      token,
      id,
      1,
      { kind: 'stand-aside', constituency: HASTINGS, party: 'lab' },
      'Labour in Hastings?',
    );
    expect(wrongSeat.status).toBe(422);
    expect(wrongSeat.body).toMatchObject({
      code: 'UNKNOWN_ANCHOR',
      message: `Stand-aside lab in ${HASTINGS}: this revision has no such stand-aside`,
      details: [{ field: 'anchor.constituency' }],
    });
    const noCommitment = await comment(token, id, 1, { kind: 'commitment', index: 0 }, 'Which?');
    expect(noCommitment.status).toBe(422);
    expect(noCommitment.body).toMatchObject({
      code: 'UNKNOWN_ANCHOR',
      message: 'Commitment 0: this revision has no commitments',
      details: [{ field: 'anchor.index' }],
    });
    const unknownKind = await comment(token, id, 1, { kind: 'preamble' }, 'Hmm');
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.body.code).toBe('VALIDATION_FAILED');
    const noSeat = await comment(token, id, 1, { kind: 'stand-aside', party: 'lab' }, 'Hmm');
    expect(noSeat.status).toBe(400);
  });

  it('keeps text as written for pages to escape, and refuses NUL, blank and over-long text', async () => {
    const token = f.token('officer.lab.lewes');
    const markup = '<script>alert("x")</script> & <b>bold</b>';
    const kept = await comment(token, id, 1, { kind: 'general' }, markup);
    expect(kept.status).toBe(201);
    expect(kept.headers['content-type']).toMatch(/^application\/json/);
    expect(kept.body.text).toBe(markup);
    // A NUL never reaches the service over JSON: the body parser refuses it for every route.
    const nul = await comment(token, id, 1, { kind: 'general' }, `before${NUL}after`);
    expect(nul.status).toBe(400);
    expect(nul.body.code).toBe('INVALID_JSON');
    for (const [text, problem] of [
      ['   \n ', 'text must not be blank'],
      ['x'.repeat(2001), 'text must be at most 2000 characters (it has 2001)'],
    ] as const) {
      const refused = await comment(token, id, 1, { kind: 'general' }, text);
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        code: 'INVALID_COMMENT_TEXT',
        details: [{ field: 'text', problems: [problem] }],
      });
    }
    const listed = await get(f.t, token, `${path(id, 1)}?limit=200`);
    expect((listed.body as Listed).items).toHaveLength(5);
  });

  it('is closed to those who cannot take part: 404 as for a pact that does not exist', async () => {
    const green = await members(1, {
      localPartyId: await localPartyId(f.t, 'Brighton Pavilion Green Party'),
    });
    const outsider = (await sessionTokens(f.t, [(await createAccount(f.t, [])).id]))[0] ?? '';
    const absent = '00000000-0000-4000-8000-000000000000';
    for (const token of [
      f.token('officer.lab.hastings'),
      f.token('officer.green.pavilion'),
      f.token('member.green'),
      ...green,
      outsider,
    ]) {
      for (const pact of [id, absent]) {
        const read = await get(f.t, token, path(pact, 1));
        expect({ status: read.status, code: read.body.code }).toEqual({
          status: 404,
          code: 'PACT_NOT_FOUND',
        });
        const write = await comment(token, pact, 1, { kind: 'general' }, 'Let me in');
        expect(write.status).toBe(404);
      }
    }
  });

  it('after a counter, the old comments stay on revision 1, no longer current', async () => {
    const countered = await post(f.t, f.token('officer.lab.lewes'), `/api/pacts/${id}/counter`, {
      baseRevision: 1,
      terms: {
        standAsides: [
          { party: 'ld', constituency: HASTINGS, beneficiary: 'lab' },
          { party: 'lab', constituency: LEWES, beneficiary: 'ld' },
        ],
        commitments: [{ party: 'lab', text: 'A joint leaflet in Lewes' }],
      },
    });
    expect(countered.status).toBe(200);
    const token = f.token('coord.lab.southeast');
    const old = (await get(f.t, token, path(id, 1))).body as Listed;
    expect(old.items).toHaveLength(5);
    expect(old.items.every((c) => c.revision === 1 && !c.current)).toBe(true);
    expect((await get(f.t, token, path(id, 2))).body).toEqual({ items: [], nextCursor: null });
    const onCommitment = await comment(
      token,
      id,
      2,
      { kind: 'commitment', index: 0 },
      'Who pays for the leaflet?',
    );
    expect(onCommitment.status).toBe(201);
    expect(onCommitment.body).toMatchObject({
      revision: 2,
      anchor: { kind: 'commitment', index: 0 },
      current: true,
    });
    // Append-only: kept as written, whoever asks the database.
    await expect(
      f.t.dataSource.query("UPDATE pact_comments SET text = 'changed'"),
    ).rejects.toThrow();
    await expect(f.t.dataSource.query('DELETE FROM pact_comments')).rejects.toThrow();
    // Revision 1 still has no commitment to comment on.
    const onOld = await comment(token, id, 1, { kind: 'commitment', index: 0 }, 'And here?');
    expect(onOld.status).toBe(422);
  });
});

describe('members consulted on a revision', () => {
  it('comment while the consultation is open, read after it closes; others get 404', async () => {
    const id = await signedPact('Consulted and commented');
    const lewes = await localPartyId(f.t, 'Lewes Labour');
    const [consulted] = await members(1, { localPartyId: lewes });
    const opened = await post(
      f.t,
      f.token('coord.lab.southeast'),
      `/api/pacts/${id}/consultations`,
      { scope: 'local-parties', closesAt: inHours(48), secret: true },
    );
    expect(opened.status).toBe(201);
    // Joined after the consultation opened: not among those asked.
    const [late] = await members(1, { localPartyId: lewes });
    const member = consulted ?? '';

    const said = await comment(member, id, 1, LAB_IN_LEWES, 'We should fight Lewes ourselves');
    expect(said.status).toBe(201);
    expect(said.body).toMatchObject({
      authorRole: 'member',
      party: 'lab',
      region: 'south-east',
      current: true,
    });
    const badAnchor = await comment(member, id, 1, { kind: 'commitment', index: 3 }, 'This one');
    expect(badAnchor.status).toBe(422);
    const officer = await comment(
      f.token('officer.lab.lewes'),
      id,
      1,
      LAB_IN_LEWES,
      'We cannot win Lewes alone',
    );
    expect(officer.status).toBe(201);
    const read = await get(f.t, member, path(id, 1));
    expect((read.body as Listed).items.map((c) => c.authorRole)).toEqual(['member', 'officer']);
    for (const token of [late ?? '', f.token('member.green')]) {
      expect((await get(f.t, token, path(id, 1))).status).toBe(404);
      expect((await comment(token, id, 1, { kind: 'general' }, 'Me too')).status).toBe(404);
    }

    const closed = await post(
      f.t,
      f.token('coord.lab.southeast'),
      `/api/consultations/${opened.body.id}/close`,
    );
    expect(closed.status).toBe(200);
    const after = await comment(member, id, 1, { kind: 'general' }, 'One more thing');
    expect(after.status).toBe(409);
    expect(after.body.code).toBe('CONSULTATION_CLOSED');
    const stillReads = await get(f.t, member, path(id, 1));
    expect(stillReads.status).toBe(200);
    expect((stillReads.body as Listed).items).toHaveLength(2);
  });
});

describe('posting too fast', () => {
  it('is throttled per account, like pact commands', async () => {
    const id = (await f.create({ title: 'Throttled comments' })).body.id as string;
    const token = f.token('coord.lab.southeast');
    let accepted = 0;
    let refused: { status: number; body: { code?: string } } | undefined;
    // At most PER_MINUTE a minute: within 2 × PER_MINUTE + 1 quick posts (two windows at most),
    // one is refused.
    for (let i = 0; i <= 2 * PER_MINUTE && refused === undefined; i++) {
      const res = await comment(token, id, 1, { kind: 'general' }, `Comment ${i}`);
      if (res.status === 201) {
        accepted += 1;
      } else {
        refused = res;
      }
    }
    expect(refused?.status).toBe(429);
    expect(refused?.body.code).toBe('TOO_MANY_COMMANDS');
    expect(accepted).toBeLessThanOrEqual(2 * PER_MINUTE);
  });
});
