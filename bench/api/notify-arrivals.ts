// notify-latency's clocks at the receiving end: when the other officer's browser stream (GET /live)
// delivered `pact-<id>`, and when the SMTP sink received the "Signed by everyone" mail for that
// pact. Each is stamped when its bytes arrived, before any parsing.
import type { ArrivedMail } from '../support/mail-sink.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Arrival times (hrtime) of the first `pact-<id>` event and "Signed by everyone" mail per pact. */
export class Arrivals {
  readonly sse = new Map<string, bigint>();
  readonly mail = new Map<string, bigint>();
  closed: string | undefined;

  /** Resolves once every pact of `ids` has its event and mail, the stream closed, or `deadline`. */
  async settled(ids: readonly string[], deadline: number): Promise<void> {
    while (
      Date.now() < deadline &&
      !this.closed &&
      ids.some((id) => !this.sse.has(id) || !this.mail.has(id))
    ) {
      await sleep(5);
    }
  }

  onMail = (mail: ArrivedMail): void => {
    const id = /\/pact\/([0-9a-f-]{36})/.exec(mail.text)?.[1];
    if (mail.kind === 'pact.fully-signed' && id && !this.mail.has(id)) {
      this.mail.set(id, mail.at);
    }
  };

  /** Reads the SSE stream as it arrives, stamping each block when its bytes came in. */
  async listen(url: string, cookie: string, signal: AbortSignal): Promise<void> {
    const res = await fetch(`${url}/live`, {
      headers: { cookie, accept: 'text/event-stream' },
      signal,
    });
    if (res.status !== 200 || !res.body) {
      throw new Error(`GET /live: ${res.status}`);
    }
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) {
            this.closed = 'the server ended the stream';
            return;
          }
          const at = process.hrtime.bigint();
          buffer += decoder.decode(value, { stream: true });
          let cut = buffer.indexOf('\n\n');
          while (cut >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const id = /^event: pact-(\S+)$/m.exec(block)?.[1];
            if (id && !this.sse.has(id)) {
              this.sse.set(id, at);
            }
            if (/^event: end$/m.test(block)) {
              this.closed = `end event: ${block}`;
            }
            cut = buffer.indexOf('\n\n');
          }
        }
      } catch (error) {
        if (!signal.aborted) {
          this.closed = String(error);
        }
      }
    })();
  }
}
