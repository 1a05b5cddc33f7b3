import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '@pactroom/webhooks';

/** One request a test receiver got, with whether its signature verified under each secret. */
export interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly answered: number | 'none';
}

/**
 * A webhook receiver on loopback, as a party's own system would be: it verifies every request
 * with the Standard Webhooks lib (throws nothing, records the outcome) and answers each path
 * with the status its script gives for the nth request to that path ('none': never answers).
 */
export async function startReceiver(
  script: Readonly<Record<string, readonly (number | 'none')[]>>,
  /** Answers this much later (a slow system), so deliveries stay in flight. */
  delayMs = 0,
): Promise<{
  url(path: string): string;
  received: Received[];
  verifies(r: Received, secret: string): boolean;
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  const counts = new Map<string, number>();
  const hanging = new Set<import('node:http').ServerResponse>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const path = request.url ?? '/';
      const n = counts.get(path) ?? 0;
      counts.set(path, n + 1);
      const plan = script[path] ?? [200];
      const answer = plan[Math.min(n, plan.length - 1)] ?? 200;
      received.push({
        path,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        answered: answer,
      });
      if (answer === 'none') {
        hanging.add(response);
        return;
      }
      if (answer >= 300 && answer < 400) {
        response.writeHead(answer, { location: 'http://127.0.0.1:1/elsewhere' }).end();
        return;
      }
      if (delayMs > 0) {
        setTimeout(() => response.writeHead(answer).end('ok'), delayMs);
        return;
      }
      response.writeHead(answer).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    verifies: (r, secret) => {
      try {
        verify(secret, r.headers, r.body, new Date());
        return true;
      } catch {
        return false;
      }
    },
    close: async () => {
      for (const response of hanging) {
        response.destroy();
      }
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
