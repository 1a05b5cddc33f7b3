// A real SMTP server on loopback (smtp-server) whose received mail is parsed with mailparser: the
// tests see exactly what a mail server would, with no mock of the mailer.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly messageId: string;
  readonly headers: ParsedMail['headers'];
  /** A header as sent (mailparser structures some, such as List-*): `header('list-unsubscribe')`. */
  header(name: string): string | undefined;
}

export interface SmtpSink {
  readonly url: string;
  readonly mails: ReceivedMail[];
  /** Refuses the next `n` messages with a temporary error (451), as a busy server would. */
  failNext(n: number): void;
  /** Holds each message's final reply for `ms` (a slow server), or 0 to answer at once. */
  delay(ms: number): void;
  /** Resolves once `count` mails matching `match` have arrived (polls; rejects after `ms`). */
  waitFor(
    count: number,
    match?: (m: ReceivedMail) => boolean,
    ms?: number,
  ): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  let failures = 0;
  let delayMs = 0;
  // A message counts as received when the server answers 250. One whose client vanished first
  // (the sender was killed while the server held its reply) was never acknowledged: dropped.
  const closed = new Set<string>();
  const server = new SMTPServer({
    onClose(session) {
      closed.add(session.id);
    },
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (failures > 0) {
          failures -= 1;
          const error = Object.assign(new Error('try again later'), { responseCode: 451 });
          callback(error);
          return;
        }
        const accept = () => {
          if (closed.has(session.id)) {
            callback(new Error('client gone'));
            return;
          }
          void simpleParser(Buffer.concat(chunks)).then((parsed) => {
            const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
            mails.push({
              to: to?.value[0]?.address ?? '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              messageId: parsed.messageId ?? '',
              headers: parsed.headers,
              header: (name) => {
                const line = parsed.headerLines.find((h) => h.key === name.toLowerCase())?.line;
                return line?.slice(line.indexOf(':') + 1).trim();
              },
            });
            callback();
          }, callback);
        };
        if (delayMs > 0) {
          setTimeout(accept, delayMs);
        } else {
          accept();
        }
      });
    },
  });
  // A sender killed mid-session (the crash tests do it) resets its connection: smtp-server reports
  // that as an 'error' event, which would otherwise be thrown out of the test file as unhandled.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    failNext: (n) => {
      failures = n;
    },
    delay: (ms) => {
      delayMs = ms;
    },
    async waitFor(count, match = () => true, ms = 15_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = mails.filter(match);
        if (found.length >= count) {
          return found;
        }
        if (Date.now() > deadline) {
          throw new Error(
            `expected ${count} mails, got ${found.length}: ${mails.map((m) => `${m.to} «${m.subject}»`).join('; ')}`,
          );
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
