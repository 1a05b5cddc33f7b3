import { describe, expect, it } from '@jest/globals';
import { PACT_KINDS, SECURITY_KINDS } from './kinds.js';
import { mailHtml, mailText } from './mail-body.js';
import { composeMessage, ukDateTime } from './messages.js';

describe('composeMessage', () => {
  it('says what happened, to which pact, by whom, with the link', () => {
    const message = composeMessage({
      kind: 'pact.countered',
      recipientName: 'Ada',
      pactTitle: 'Hastings for Lewes',
      actor: 'Bob (Lewes Labour)',
      revision: 2,
      respondBy: '2026-12-24T17:00:00Z',
      link: 'https://pactroom.example.org/pact/1',
    });
    expect(message.subject).toBe('Countered: Hastings for Lewes');
    expect(message.headline).toBe(
      'Bob (Lewes Labour) countered “Hastings for Lewes” with new terms (revision 2).',
    );
    expect(message.details).toContain('Respond by Thursday 24 December 2026 at 17:00 (UK time).');
    expect(message.action.url).toBe('https://pactroom.example.org/pact/1');
  });

  it('has a subject and a link for every kind', () => {
    for (const kind of [...PACT_KINDS, ...SECURITY_KINDS]) {
      const message = composeMessage({ kind, recipientName: 'Ada', link: 'https://x.test/l' });
      expect(message.subject.length).toBeGreaterThan(5);
      expect(message.action.url).toBe('https://x.test/l');
    }
  });

  it('shows UK time across the clock change', () => {
    expect(ukDateTime('2026-07-01T12:00:00Z')).toBe('Wednesday 1 July 2026 at 13:00 (UK time)');
    expect(ukDateTime('2026-12-01T12:00:00Z')).toBe('Tuesday 1 December 2026 at 12:00 (UK time)');
  });
});

describe('mail bodies', () => {
  it('escape what people typed in the HTML part and keep it as typed in the text part', () => {
    const message = composeMessage({
      kind: 'pact.declined',
      recipientName: 'Ada',
      pactTitle: '<script>alert(1)</script>',
      actor: 'Bob',
      reason: 'A & B "quoted"',
      link: 'https://x.test/pact/1?a=1&b=2',
    });
    const html = mailHtml('Dear Ada,', message, {
      preferencesUrl: 'https://x.test/account/notifications',
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
    expect(html).toContain('href="https://x.test/pact/1?a=1&#38;b=2"');
    const text = mailText('Dear Ada,', message, {});
    expect(text).toContain('“<script>alert(1)</script>”');
    expect(text).toContain('Reason given: “A & B "quoted"”');
  });
});
