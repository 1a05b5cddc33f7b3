import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestApp } from '../../support/test-app.js';

/** A request exactly as it goes on the wire: the path is sent as is (already percent-encoded). */
export interface RawRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
  readonly ms: number;
}

/**
 * A plain node:http client on a keep-alive agent, for requests supertest would normalise or refuse
 * (raw paths, invalid UTF-8 bodies, odd content types) and for thousands of them without a
 * listen/close per request.
 */
export class RawClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

  private constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  /** Makes the app listen on an ephemeral local port (t.close() stops it). */
  static async listen(t: TestApp): Promise<RawClient> {
    await t.app.listen(0, '127.0.0.1');
    const address = t.app.getHttpServer().address() as AddressInfo;
    return new RawClient('127.0.0.1', address.port);
  }

  send(request: RawRequest, timeoutMs = 60_000): Promise<RawResponse> {
    const started = performance.now();
    return new Promise<RawResponse>((resolve, reject) => {
      const headers: Record<string, string | number> = { ...request.headers };
      if (request.body !== undefined) {
        headers['content-length'] = request.body.length;
      }
      const req = http.request(
        {
          host: this.host,
          port: this.port,
          method: request.method,
          path: request.path,
          headers,
          agent: this.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: Buffer.concat(chunks).toString('utf8'),
              ms: performance.now() - started,
            }),
          );
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(request.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Runs `fn` over the items an iterator yields, at most `concurrency` at a time, in order of start. */
export async function runPool<T>(
  items: Iterable<T>,
  concurrency: number,
  fn: (item: T, index: number) => Promise<void>,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const item = iterator.next();
      if (item.done === true) {
        return;
      }
      await fn(item.value, next++);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
