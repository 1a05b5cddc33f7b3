import type { NotificationKind } from './kinds.js';

/** Everything a message may mention, already resolved to names (never ids). */
export interface MessageFacts {
  readonly kind: NotificationKind;
  readonly recipientName: string;
  readonly pactTitle?: string;
  /** Who acted: "Ada Lovelace (Labour, Hastings & Rye)"; absent for the clock. */
  readonly actor?: string | null;
  readonly revision?: number | null;
  readonly reason?: string | null;
  readonly respondBy?: string | null;
  /** The main link: the pact page, or the invitation / reset link of account mail. */
  readonly link: string;
  /** When an invitation or reset link stops working. */
  readonly expiresAt?: string | null;
  readonly invitedBy?: string | null;
}

export interface Message {
  readonly subject: string;
  /** One sentence: what happened. */
  readonly headline: string;
  readonly details: readonly string[];
  readonly action: { readonly label: string; readonly url: string };
}

/**
 * "Tuesday 1 December 2026 at 14:00 (UK time)": pacts are struck in the UK. Built from parts, so
 * the wording does not change with the ICU version of the Node.js running it.
 */
export function ukDateTime(iso: string): string {
  const parts = UK_DATE_TIME.formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')} at ${part('hour')}:${part('minute')} (UK time)`;
}

// Built once: a formatter costs far more to make than to use (every message of a large pact's
// fan-out formats a time).
const UK_DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The message for one person about one event: subject, headline, details and one link. */
export function composeMessage(facts: MessageFacts): Message {
  const title = facts.pactTitle ?? 'a pact';
  const by = facts.actor ?? 'Someone';
  const rev = facts.revision ? ` (revision ${facts.revision})` : '';
  const respond = facts.respondBy ? [`Respond by ${ukDateTime(facts.respondBy)}.`] : [];
  const reason = facts.reason ? [`Reason given: “${facts.reason}”`] : [];
  const open = { label: 'Open the pact', url: facts.link };
  const pact = (subject: string, headline: string, details: string[] = []): Message => ({
    subject: `${subject}: ${title}`,
    headline,
    details,
    action: open,
  });
  // Members read a consultation on its own page (they may not open the pact before ratification).
  const consult = (subject: string, headline: string, details: string[] = []): Message => ({
    subject: `${subject}: ${title}`,
    headline,
    details,
    action: { label: 'Open the consultation', url: facts.link },
  });
  const closes = facts.respondBy ? [`It closes ${ukDateTime(facts.respondBy)}.`] : [];
  switch (facts.kind) {
    case 'pact.proposed':
      return pact('Proposed to you', `${by} proposed “${title}”${rev} to your local party.`, [
        'Read the terms and the projected seat impact, then sign, counter or decline.',
        ...respond,
      ]);
    case 'pact.countered':
      return pact('Countered', `${by} countered “${title}” with new terms${rev}.`, [
        'Earlier signatures no longer count: the new revision needs yours.',
        ...respond,
      ]);
    case 'pact.signed':
      return pact('Signed', `${by} signed “${title}”${rev}.`, respond);
    case 'pact.fully-signed':
      return pact('Signed by everyone', `Every local party has signed “${title}”${rev}.`, [
        'It now goes to the regional coordinators for approval.',
      ]);
    case 'pact.approval-needed':
      return pact('Approval needed', `“${title}”${rev} is signed and needs your approval.`, [
        'Approve it for your party and region, or reject it with a reason.',
      ]);
    case 'pact.approved':
      return pact('Approved', `${by} approved “${title}”${rev}.`, [
        'Other coordinators have still to approve it.',
      ]);
    case 'pact.rejected':
      return pact('Rejected', `${by} rejected “${title}”${rev}.`, reason);
    case 'pact.ratified':
      return pact('Ratified', `“${title}”${rev} is ratified: every coordinator approved it.`, [
        'Its certificate can be downloaded from the pact page.',
      ]);
    case 'pact.declined':
      return pact('Declined', `${by} declined “${title}”.`, reason);
    case 'pact.withdrawn':
      return pact('Withdrawn', `${by} withdrew “${title}”.`, reason);
    case 'pact.expiring':
      return pact(
        'Respond-by date near',
        `“${title}” expires ${facts.respondBy ? ukDateTime(facts.respondBy) : 'soon'} unless every local party signs.`,
        ['Your local party has not signed the current revision.'],
      );
    case 'pact.expired':
      return pact('Expired', `“${title}” expired: not every local party signed in time.`);
    case 'pact.terminated':
      return pact('Terminated', `${by} terminated “${title}”.`, reason);
    case 'pact.compliance':
      return pact(
        'Checked against nominations',
        `“${title}” was checked against the candidates nominated: ${facts.reason ?? 'see the pact page'}.`,
        [
          'A stand-aside is breached when the party that promised to stand aside fielded a candidate.',
        ],
      );
    case 'consultation.opened':
      return consult(
        'Your view is asked',
        `${by} asks the members for their view on “${title}”${rev} before deciding whether to ratify it.`,
        [
          ...closes,
          'Read the terms and say whether you agree, abstain, disagree or block; you can change your mind until it closes.',
        ],
      );
    case 'consultation.closing':
      return consult(
        'Closing soon',
        `The members’ consultation on “${title}” closes within 24 hours and you have not answered.`,
        closes,
      );
    case 'consultation.closed':
      return consult(
        'Consultation closed',
        `The members’ consultation on “${title}” has closed: ${facts.reason ?? 'see its result'}.`,
      );
    case 'account.invited':
      return {
        subject: 'Your invitation to Pactroom',
        headline: `${facts.invitedBy ?? 'Your party'} invited you to Pactroom, where local parties negotiate and sign stand-aside pacts.`,
        details: [
          'Choose your own password to start: nobody else will ever know it.',
          ...(facts.expiresAt
            ? [`The link works once, until ${ukDateTime(facts.expiresAt)}.`]
            : []),
          'If you did not expect this, ignore this message.',
        ],
        action: { label: 'Choose your password', url: facts.link },
      };
    case 'account.invited-existing':
      return {
        subject: 'Someone tried to create a Pactroom account for you',
        headline:
          'Someone tried to create a Pactroom account for this address, which already has one.',
        details: [
          'Nothing has changed. If you have forgotten your password, you can choose a new one.',
        ],
        action: { label: 'Sign in', url: facts.link },
      };
    case 'account.password-reset':
      return {
        subject: 'Reset your Pactroom password',
        headline: 'Someone asked to reset the password of your Pactroom account.',
        details: [
          ...(facts.expiresAt
            ? [`The link works once, until ${ukDateTime(facts.expiresAt)}.`]
            : []),
          'Choosing a new password signs you out everywhere.',
          'If it was not you, ignore this message: your password stays as it is.',
        ],
        action: { label: 'Choose a new password', url: facts.link },
      };
  }
}
