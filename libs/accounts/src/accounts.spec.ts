import { describe, expect, it } from '@jest/globals';
import {
  canManageAccount,
  checkGrantAssignment,
  normaliseGrants,
  type Grant,
  type LocalPartyScope,
} from './index.js';

const g = (
  role: Grant['role'],
  party: string | null,
  region: string | null,
  localPartyId: string | null = null,
): Grant => ({ role, party, region, localPartyId });
const admin = [g('admin', null, null)];
const coordLabSE = [g('coordinator', 'lab', 'south-east')];
const hastingsLab: LocalPartyScope = { id: 'lp-hastings-lab', party: 'lab', region: 'south-east' };
const localParties = new Map([[hastingsLab.id, hastingsLab]]);

describe('normaliseGrants', () => {
  it('fills an officer grant from its local party', () => {
    expect(
      normaliseGrants([{ role: 'officer', localPartyId: hastingsLab.id }], localParties),
    ).toEqual({
      grants: [g('officer', 'lab', 'south-east', hastingsLab.id)],
      problems: [],
    });
  });

  it.each([
    [
      'a party-wide national grant',
      { role: 'national' as const, party: 'ld' },
      g('national', 'ld', null),
    ],
    [
      'a nation’s national grant',
      { role: 'national' as const, party: 'ld', region: 'wales' },
      g('national', 'ld', 'wales'),
    ],
  ])('accepts %s', (_name, request, grant) => {
    expect(normaliseGrants([request], localParties)).toEqual({ grants: [grant], problems: [] });
  });

  it.each([
    ['national without party', { role: 'national' as const, region: 'wales' }],
    [
      'national with a local party',
      { role: 'national' as const, party: 'lab', localPartyId: hastingsLab.id },
    ],
    ['officer without local party', { role: 'officer' as const, party: 'lab' }],
    ['officer of an unknown local party', { role: 'officer' as const, localPartyId: 'nope' }],
    [
      'officer naming another party than the local party',
      { role: 'officer' as const, localPartyId: hastingsLab.id, party: 'ld' },
    ],
    ['coordinator without region', { role: 'coordinator' as const, party: 'lab' }],
    ['member without party', { role: 'member' as const }],
    ['admin with a party', { role: 'admin' as const, party: 'lab' }],
  ])('refuses %s', (_name, request) => {
    expect(normaliseGrants([request], localParties).problems).toHaveLength(1);
  });
});

describe('user management scope', () => {
  const officerLabSE = g('officer', 'lab', 'south-east', hastingsLab.id);
  const memberLabSE = g('member', 'lab', 'south-east');
  it.each([
    ['admin manages anyone', admin, [g('coordinator', 'ld', 'london')], true],
    ['coordinator manages an officer of their party and region', coordLabSE, [officerLabSE], true],
    ['coordinator manages a member of their party and region', coordLabSE, [memberLabSE], true],
    ['coordinator cannot manage another region', coordLabSE, [g('member', 'lab', 'london')], false],
    [
      'coordinator cannot manage another party',
      coordLabSE,
      [g('member', 'ld', 'south-east')],
      false,
    ],
    [
      'coordinator cannot manage a member without region',
      coordLabSE,
      [g('member', 'lab', null)],
      false,
    ],
    [
      'coordinator cannot manage another coordinator',
      coordLabSE,
      [g('coordinator', 'lab', 'south-east')],
      false,
    ],
    [
      'coordinator cannot manage an account that also acts elsewhere',
      coordLabSE,
      [officerLabSE, g('member', 'lab', 'london')],
      false,
    ],
    ['coordinator cannot manage an account without grants', coordLabSE, [], false],
    [
      'coordinator cannot manage a national account',
      coordLabSE,
      [g('national', 'lab', null)],
      false,
    ],
    ['officer manages nobody', [officerLabSE], [memberLabSE], false],
  ])('%s', (_name, manager, target, expected) => {
    expect(canManageAccount(manager, target)).toBe(expected);
  });

  it.each([
    ['admin may grant admin', admin, [g('admin', null, null)], null],
    ['coordinator may grant officer in scope', coordLabSE, [officerLabSE], null],
    ['coordinator may not grant admin', coordLabSE, [g('admin', null, null)], 'ROLE_NOT_GRANTABLE'],
    [
      'coordinator may not grant coordinator',
      coordLabSE,
      [g('coordinator', 'lab', 'south-east')],
      'ROLE_NOT_GRANTABLE',
    ],
    [
      'coordinator may not grant out of region',
      coordLabSE,
      [g('member', 'lab', 'london')],
      'GRANT_OUT_OF_SCOPE',
    ],
    [
      'coordinator may not grant national',
      coordLabSE,
      [g('national', 'lab', 'south-east')],
      'ROLE_NOT_GRANTABLE',
    ],
    ['admin may grant national', admin, [g('national', 'ld', 'wales')], null],
    ['member may not grant anything', [memberLabSE], [memberLabSE], 'NOT_A_MANAGER'],
  ])('%s', (_name, manager, grants, expected) => {
    expect(checkGrantAssignment(manager, grants)).toBe(expected);
  });
});
