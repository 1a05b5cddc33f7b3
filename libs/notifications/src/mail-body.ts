import type { Message } from './messages.js';

/** The footer of every mail about pacts: why you got it and how to change that. */
export interface MailFooter {
  readonly preferencesUrl?: string;
  readonly unsubscribeUrl?: string;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function footerLines(footer: MailFooter): string[] {
  const lines = ['You receive this because of your role in Pactroom.'];
  if (footer.preferencesUrl) {
    lines.push(`Choose which mail you get: ${footer.preferencesUrl}`);
  }
  return lines;
}

/** The plain-text part. */
export function mailText(greeting: string, message: Message, footer: MailFooter = {}): string {
  return [
    greeting,
    '',
    message.headline,
    ...message.details.map((d) => `\n${d}`),
    '',
    `${message.action.label}: ${message.action.url}`,
    '',
    '-- ',
    ...footerLines(footer),
    '',
  ].join('\n');
}

/** The HTML part: the same words, one link styled as a button, no images, no tracking. */
export function mailHtml(greeting: string, message: Message, footer: MailFooter = {}): string {
  const p = (text: string) => `<p style="margin:0 0 1em">${escapeHtml(text)}</p>`;
  const prefs = footer.preferencesUrl
    ? `<br><a href="${escapeHtml(footer.preferencesUrl)}">Choose which mail you get</a>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(message.subject)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1f;max-width:40em;margin:0 auto;padding:1em">
${p(greeting)}
${p(message.headline)}
${message.details.map(p).join('\n')}
<p style="margin:1.5em 0"><a href="${escapeHtml(message.action.url)}" style="background:#1d4ed8;color:#fff;padding:.6em 1em;border-radius:4px;text-decoration:none">${escapeHtml(message.action.label)}</a></p>
<p style="font-size:.9em;color:#444">Or copy this address: ${escapeHtml(message.action.url)}</p>
<hr>
<p style="font-size:.85em;color:#444">You receive this because of your role in Pactroom.${prefs}</p>
</body></html>
`;
}

/** One mail summarising a day's messages (the daily digest). */
export function digestText(
  greeting: string,
  messages: readonly Message[],
  footer: MailFooter,
): string {
  return [
    greeting,
    '',
    `${messages.length} ${messages.length === 1 ? 'thing' : 'things'} happened in Pactroom since your last digest:`,
    ...messages.map((m) => `\n* ${m.headline}\n  ${m.action.url}`),
    '',
    '-- ',
    ...footerLines(footer),
    '',
  ].join('\n');
}

export function digestHtml(
  greeting: string,
  messages: readonly Message[],
  footer: MailFooter,
): string {
  const items = messages
    .map(
      (m) =>
        `<li style="margin:0 0 .75em">${escapeHtml(m.headline)}<br><a href="${escapeHtml(m.action.url)}">${escapeHtml(m.action.label)}</a></li>`,
    )
    .join('\n');
  const prefs = footer.preferencesUrl
    ? `<br><a href="${escapeHtml(footer.preferencesUrl)}">Choose which mail you get</a>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Your Pactroom digest</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1f;max-width:40em;margin:0 auto;padding:1em">
<p>${escapeHtml(greeting)}</p>
<p>${messages.length} ${messages.length === 1 ? 'thing' : 'things'} happened in Pactroom since your last digest:</p>
<ul>
${items}
</ul>
<hr>
<p style="font-size:.85em;color:#444">You receive this because of your role in Pactroom.${prefs}</p>
</body></html>
`;
}
