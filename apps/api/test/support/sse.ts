import http from 'node:http';

export interface SseEvent {
  readonly event: string;
  readonly data: string;
}

/** A Server-Sent Events stream read as it arrives, for tests. */
export interface SseStream {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** The whole body when the answer was not a stream (a refusal). */
  readonly body: Promise<string>;
  readonly events: SseEvent[];
  /** How many comment lines (heartbeats) arrived. */
  comments(): number;
  /** The first event (already received or still to come) that matches; rejects after `ms`. */
  next(match: (e: SseEvent) => boolean, ms?: number): Promise<SseEvent>;
  /** Resolves when the server has ended the stream. */
  readonly ended: Promise<void>;
  close(): void;
}

/** Opens `path` on `baseUrl` with `cookie` as a browser's EventSource would. */
export function openSse(baseUrl: string, path: string, cookie: string): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      new URL(path, baseUrl),
      { headers: { cookie, accept: 'text/event-stream' } },
      (res) => {
        const events: SseEvent[] = [];
        let comments = 0;
        let buffer = '';
        const waiters: (() => void)[] = [];
        let whole = '';
        let endedResolve: () => void = () => undefined;
        const ended = new Promise<void>((r) => (endedResolve = r));
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          whole += chunk;
          buffer += chunk;
          let cut = buffer.indexOf('\n\n');
          while (cut >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            let event = 'message';
            const data: string[] = [];
            let isEvent = false;
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) {
                comments++;
              } else if (line.startsWith('event: ')) {
                event = line.slice(7);
                isEvent = true;
              } else if (line.startsWith('data: ')) {
                data.push(line.slice(6));
                isEvent = true;
              }
            }
            if (isEvent) {
              events.push({ event, data: data.join('\n') });
            }
            cut = buffer.indexOf('\n\n');
          }
          for (const wake of [...waiters]) {
            wake();
          }
        });
        res.on('end', () => endedResolve());
        res.on('close', () => {
          endedResolve();
          for (const wake of [...waiters]) {
            wake();
          }
        });
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: ended.then(() => whole),
          events,
          comments: () => comments,
          ended,
          close: () => req.destroy(),
          next: (match, ms = 10_000) =>
            new Promise((found, fail) => {
              const check = () => {
                const hit = events.find(match);
                if (hit) {
                  waiters.splice(waiters.indexOf(check), 1);
                  clearTimeout(timer);
                  found(hit);
                }
              };
              const timer = setTimeout(() => {
                waiters.splice(waiters.indexOf(check), 1);
                fail(new Error(`no matching event in ${ms} ms; got ${JSON.stringify(events)}`));
              }, ms);
              waiters.push(check);
              check();
            }),
        });
      },
    );
    req.on('error', reject);
  });
}
