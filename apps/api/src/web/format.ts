import { PARTIES, REGIONS } from '@pactroom/election-data';
import { timeLeft } from '@pactroom/negotiation';

/** What a pact's status means to a person. */
const STATUS_LABELS: Readonly<Record<string, string>> = {
  draft: 'Draft',
  proposed: 'Proposed',
  signed: 'Signed, awaiting approval',
  ratified: 'Ratified',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
  rejected: 'Rejected',
  terminated: 'Terminated',
};

const ACTION_LABELS: Readonly<Record<string, string>> = {
  'pact.drafted': 'drafted',
  'pact.proposed': 'proposed',
  'pact.countered': 'countered',
  'pact.signed': 'signed',
  'pact.approved': 'approved',
  'pact.rejected': 'rejected',
  'pact.declined': 'declined',
  'pact.withdrawn': 'withdrew',
  'pact.expired': 'expired',
  'pact.terminated': 'terminated',
  'pact.compliance_checked': 'checked against the nominations',
  'pact.consultation_opened': 'members consulted',
  'pact.consultation_closed': 'members’ consultation closed',
  'pact.consultation_voided': 'members’ consultation voided',
  'pact.consultation_overridden': 'approved against the members’ consultation',
};

const COMMAND_LABELS: Readonly<Record<string, string>> = {
  propose: 'Propose',
  counter: 'Counter',
  sign: 'Sign',
  decline: 'Decline',
  withdraw: 'Withdraw',
  approve: 'Approve',
  reject: 'Reject',
  terminate: 'Terminate',
};

const DAY = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
  timeZoneName: 'short',
});

/** The formatting helpers every template gets as `it.fmt`: one wording across pages. */
export const format = {
  party: (code: string): string => PARTIES.find((p) => p.code === code)?.name ?? code,
  region: (slug: string): string => REGIONS.find((r) => r.slug === slug)?.name ?? slug,
  status: (status: string): string => STATUS_LABELS[status] ?? status,
  action: (action: string): string => ACTION_LABELS[action] ?? action,
  command: (command: string): string => COMMAND_LABELS[command] ?? command,
  dateTime: (iso: string | Date): string => DATE_TIME.format(new Date(iso)),
  isoDate: (iso: string | Date): string => new Date(iso).toISOString(),
  timeLeft: (iso: string): string => timeLeft(iso, new Date()),
  /** A party code safe to use in a class name (party colours live in the stylesheet). */
  partyClass: (code: string): string => `party-${/^[a-z]+$/.test(code) ? code : 'other'}`,
  /** A calendar date (`2019-12-12`) as "Thursday 12 December 2019". */
  day: (isoDay: string): string => {
    // From parts, so the wording does not change with the ICU version (some add a comma).
    const parts = DAY.formatToParts(new Date(`${isoDay}T12:00:00Z`));
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
  },
  /** A result set code (`ge2017`) as "GE2017". */
  election: (code: string): string => code.toUpperCase(),
  /** How a contest is offered in a choice: name, and what kind of pact it makes. */
  contestChoice: (c: {
    name: string;
    baseline: string;
    boundarySet: string;
    phase: string;
  }): string =>
    c.phase === 'past'
      ? `${c.name} — past: a what-if on ${c.baseline.toUpperCase()} results`
      : `${c.name} — ${c.boundarySet} boundaries, projected from ${c.baseline.toUpperCase()} results`,
};
