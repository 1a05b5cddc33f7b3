// A real SMTP server on loopback for the bench (smtp-server), the app's PACTROOM_SMTP_URL. It
// stamps each message the moment its DATA ends — when a mail server has received it — and keeps
// only the raw mail of the addresses it is asked to watch, so thousands of mails under load cost
// the bench process almost nothing; watched mail is parsed (mailparser) after the stamp, off the
// timed path. Adapted from the tests' sink (apps/api/test/support/smtp-sink.ts): bench code does
// not import test code.
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A watched mail: when its DATA ended, to whom, its kind header and the text body. */
export interface ArrivedMail {
  readonly at: bigint;
  readonly to: string;
  readonly kind: string;
  readonly text: string;
}

export interface MailSink {
  readonly url: string;
  /** Messages accepted since start, watched or not. */
  received(): number;
  /** Starts keeping the mail sent to `address` (lower case); `onMail` hears each once parsed. */
  watch(address: string, onMail: (mail: ArrivedMail) => void): void;
  unwatch(): void;
  close(): Promise<void>;
}

export async function startMailSink(): Promise<MailSink> {
  let received = 0;
  let watched: { address: string; onMail: (mail: ArrivedMail) => void } | undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // No reverse DNS look-up of each sender: that is the sink's time, not the app's.
    disableReverseLookup: true,
    // The app's mail workers keep their connections open; many senders, no limit worth hitting.
    maxClients: 1000,
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
      const watching = watched;
      const keep = watching !== undefined && to.includes(watching.address);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (keep) {
          chunks.push(chunk);
        }
      });
      stream.on('end', () => {
        const at = process.hrtime.bigint();
        received += 1;
        callback();
        if (keep) {
          void simpleParser(Buffer.concat(chunks)).then(
            (parsed) => {
              const kind = parsed.headers.get('x-pactroom-kind');
              watching.onMail({
                at,
                to: watching.address,
                kind: typeof kind === 'string' ? kind : '',
                text: parsed.text ?? '',
              });
            },
            () => undefined,
          );
        }
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => received,
    watch: (address, onMail) => {
      watched = { address: address.toLowerCase(), onMail };
    },
    unwatch: () => {
      watched = undefined;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
