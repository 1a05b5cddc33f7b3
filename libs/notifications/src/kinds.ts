/**
 * What a person can be told, as they see it. One pact event may be several kinds for different
 * people: the last signature is "fully signed" to the officers and "approval needed" to the
 * coordinators who must ratify it.
 */
export const PACT_KINDS = [
  'pact.proposed',
  'pact.countered',
  'pact.signed',
  'pact.fully-signed',
  'pact.approval-needed',
  'pact.approved',
  'pact.rejected',
  'pact.ratified',
  'pact.declined',
  'pact.withdrawn',
  'pact.expiring',
  'pact.expired',
  'pact.terminated',
  'pact.compliance',
  'consultation.opened',
  'consultation.closing',
  'consultation.closed',
] as const;

/** Mail about someone's own account: always sent, whatever their preferences. */
export const SECURITY_KINDS = [
  'account.invited',
  'account.invited-existing',
  'account.password-reset',
] as const;

export type PactKind = (typeof PACT_KINDS)[number];
export type SecurityKind = (typeof SECURITY_KINDS)[number];
export type NotificationKind = PactKind | SecurityKind;

export const DELIVERY_MODES = ['immediately', 'digest', 'off'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** How each kind is named on the preferences page and in the inbox. */
export const KIND_LABELS: Readonly<Record<NotificationKind, string>> = {
  'pact.proposed': 'A pact is proposed to your local party',
  'pact.countered': 'The other side counters',
  'pact.signed': 'Another local party signs',
  'pact.fully-signed': 'A pact is signed by every local party',
  'pact.approval-needed': 'A pact needs your approval',
  'pact.approved': 'A coordinator approves',
  'pact.rejected': 'A coordinator rejects',
  'pact.ratified': 'A pact is ratified',
  'pact.declined': 'A pact is declined',
  'pact.withdrawn': 'A pact is withdrawn',
  'pact.expiring': 'A respond-by date is near (72 and 24 hours)',
  'pact.expired': 'A pact expires unanswered',
  'pact.terminated': 'A ratified pact is terminated',
  'pact.compliance': 'A ratified pact is checked against the candidates nominated',
  'consultation.opened': 'Your party asks your view on a pact (members’ consultation)',
  'consultation.closing': 'A consultation you have not answered closes within 24 hours',
  'consultation.closed': 'A consultation you were asked in closes, with its outcome',
  'account.invited': 'Invitation to Pactroom',
  'account.invited-existing': 'Someone tried to invite your address',
  'account.password-reset': 'Password reset',
};

export function isSecurityKind(kind: string): kind is SecurityKind {
  return (SECURITY_KINDS as readonly string[]).includes(kind);
}

export function isPactKind(kind: string): kind is PactKind {
  return (PACT_KINDS as readonly string[]).includes(kind);
}
