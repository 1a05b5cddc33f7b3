import { describe, expect, it } from '@jest/globals';
import {
  ACTORS,
  AFTER_DEADLINE,
  CONTEXT,
  LAB_CEREDIGION,
  LAB_LEWES,
  LD_SUSSEX,
  PACT_IN,
  draftPact,
  later,
  must,
  run,
} from '../test/fixtures.js';
import {
  allowedCommands,
  canView,
  commandIdentities,
  expireIfDue,
  pactRegions,
  type Pact,
  type PactCommandType,
} from './index.js';

type ActorName = keyof typeof ACTORS;

const withdrawnDraft = () => run(draftPact(), [[ACTORS.ldOfficer, { type: 'withdraw' }]]);
// The LD HQ acts for every LD local party (the author among them); Welsh Labour only in Wales.
const AUTHOR_ONLY: ActorName[] = ['ldOfficer', 'twoHats', 'ldNational', 'admin'];
const NEGOTIATORS: ActorName[] = [
  'ldOfficer',
  'labOfficer',
  'twoHats',
  'ldCoordinator',
  'labCoordinator',
  'labBothCoordinator',
  'ldNational',
  'admin',
];
const WITH_MEMBERS: ActorName[] = [...NEGOTIATORS, 'labMember'];

const cases: [string, () => Pact, ActorName[]][] = [
  ['a draft', PACT_IN.draft, AUTHOR_ONLY],
  ['a draft withdrawn unsent', withdrawnDraft, AUTHOR_ONLY],
  ['an expired draft', () => must(expireIfDue(draftPact(), AFTER_DEADLINE)), AUTHOR_ONLY],
  ['a proposed pact', PACT_IN.proposed, NEGOTIATORS],
  ['a declined pact', PACT_IN.declined, NEGOTIATORS],
  ['a withdrawn proposal', PACT_IN.withdrawn, NEGOTIATORS],
  ['a signed pact', PACT_IN.signed, NEGOTIATORS],
  ['a rejected pact', PACT_IN.rejected, NEGOTIATORS],
  ['a ratified pact', PACT_IN.ratified, WITH_MEMBERS],
  ['a terminated pact', PACT_IN.terminated, WITH_MEMBERS],
];

describe('canView', () => {
  it.each(cases)('%s is seen by exactly the expected users', (_name, make, expected) => {
    const pact = make();
    const seenBy = (Object.keys(ACTORS) as ActorName[]).filter((name) =>
      canView(pact, ACTORS[name]),
    );
    expect(seenBy.sort()).toEqual([...expected].sort());
  });

  it('lets coordinators of a participant’s own region see the pact even if the seats are elsewhere', () => {
    const pact = run(draftPact(undefined, [LD_SUSSEX, LAB_LEWES, LAB_CEREDIGION]), [
      [ACTORS.ldOfficer, { type: 'propose', context: CONTEXT }],
    ]);
    expect(pactRegions(pact)).toEqual(['south-east', 'wales']);
    expect(canView(pact, ACTORS.labWalesCoordinator)).toBe(true);
    expect(canView(pact, ACTORS.greenCoordinator)).toBe(false);
  });

  it('takes a coordinator’s party and region together: another party’s region is not theirs', () => {
    // Labour's Ceredigion local party is in Wales; the Lib Dems have neither a local party nor a
    // seat of the pact there, so the Welsh Lib Dem coordinator oversees nothing of it.
    const pact = run(draftPact(undefined, [LD_SUSSEX, LAB_LEWES, LAB_CEREDIGION]), [
      [ACTORS.ldOfficer, { type: 'propose', context: CONTEXT }],
    ]);
    expect(canView(pact, ACTORS.ldWalesCoordinator)).toBe(false);
    expect(allowedCommands(pact, ACTORS.ldWalesCoordinator, later(2))).toEqual([]);
  });
});

describe('allowedCommands', () => {
  it.each<[string, () => Pact, ActorName, PactCommandType[]]>([
    ['the author of a draft', PACT_IN.draft, 'ldOfficer', ['propose', 'withdraw']],
    ['another participant of a draft', PACT_IN.draft, 'labOfficer', []],
    [
      'the author after proposing',
      PACT_IN.proposed,
      'ldOfficer',
      ['counter', 'decline', 'withdraw'],
    ],
    [
      'the other participant',
      PACT_IN.proposed,
      'labOfficer',
      ['counter', 'sign', 'decline', 'withdraw'],
    ],
    [
      'a coordinator of a party asked to stand aside in a proposal',
      PACT_IN.proposed,
      'ldCoordinator',
      ['decline'],
    ],
    [
      'a required coordinator of a signed pact',
      PACT_IN.signed,
      'ldCoordinator',
      ['approve', 'reject'],
    ],
    // Awaiting ratification, a participant may still reopen the terms (issue 15).
    ['an officer of a signed pact', PACT_IN.signed, 'ldOfficer', ['counter']],
    ['a participant officer of a ratified pact', PACT_IN.ratified, 'ldOfficer', ['terminate']],
    ['a coordinator of a ratified pact', PACT_IN.ratified, 'labCoordinator', ['terminate']],
    ['a member of a ratified pact', PACT_IN.ratified, 'labMember', []],
    ['an admin', PACT_IN.proposed, 'admin', []],
    ['anyone on a terminated pact', PACT_IN.terminated, 'ldOfficer', []],
  ])('%s', (_name, make, actor, expected) => {
    expect(allowedCommands(make(), ACTORS[actor], later(50))).toEqual(expected);
  });

  it('offers nothing once the deadline has passed', () => {
    expect(allowedCommands(PACT_IN.proposed(), ACTORS.labOfficer, AFTER_DEADLINE)).toEqual([]);
  });

  it('shows both identities of an officer of two participants (actingFor needed)', () => {
    expect(commandIdentities(PACT_IN.proposed(), 'counter', ACTORS.twoHats)).toHaveLength(2);
    expect(commandIdentities(PACT_IN.proposed(), 'sign', ACTORS.twoHats)).toEqual([
      { role: 'officer', localPartyId: LAB_LEWES.localPartyId, party: 'lab' },
    ]);
  });
});
