import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { createAccount, TEST_PASSWORD } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// Issue 10, item 16: security headers, no caching of private answers, HSTS when configured, the
// API error shape for what Node's parser refuses, a request timeout that cuts off a trickled body,
// and a cap on connections.

async function listening(env: Record<string, string> = {}): Promise<{ t: TestApp; port: number }> {
  const t = await createTestApp({ env });
  await t.app.listen(0, '127.0.0.1');
  return { t, port: (t.app.getHttpServer().address() as AddressInfo).port };
}

/** Opens a raw connection; resolves once connected. */
function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Everything the server sends until it closes the connection. */
function untilClosed(socket: net.Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(text));
  });
}

describe('security headers', () => {
  it('are on every answer, and private answers are never cached (tokens included)', async () => {
    const t = await createTestApp();
    try {
      const health = await t.http.get('/api/health');
      expect(health.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
        'cache-control': 'no-store',
      });
      expect(health.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(health.headers['content-security-policy']).toContain("script-src 'self'");
      expect(health.headers['strict-transport-security']).toBeUndefined();
      const { email } = await createAccount(t, [{ role: 'member', party: 'lab' }]);
      const login = await t.http.post('/api/auth/login').send({ email, password: TEST_PASSWORD });
      expect(login.status).toBe(200);
      expect(login.headers['cache-control']).toBe('no-store');
      // The docs page loads only its own scripts, so the policy does not break it.
      const docs = await t.http.get('/api/docs');
      expect(docs.headers['content-security-policy']).toBeDefined();
      const scripts = [...docs.text.matchAll(/<script([^>]*)>/g)].map((m) => m[1] ?? '');
      expect(scripts.length).toBeGreaterThan(0);
      expect(scripts.every((attributes) => /src="\.\//.test(attributes))).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('add HSTS when configured for TLS', async () => {
    const t = await createTestApp({ env: { PACTROOM_HSTS_MAX_AGE_SECONDS: '31536000' } });
    try {
      const res = await t.http.get('/api/health');
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await t.close();
    }
  });
});

describe('what Node’s HTTP parser refuses', () => {
  it('answers in the API error shape, then closes', async () => {
    const { t, port } = await listening();
    try {
      const socket = await connect(port);
      const answer = untilClosed(socket);
      socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\nNot a header\r\n\r\n');
      const text = await answer;
      expect(text.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
      const body = JSON.parse(text.slice(text.indexOf('{'))) as Record<string, string>;
      expect(body).toMatchObject({ code: 'BAD_REQUEST', requestId: expect.any(String) });
      expect(text).toContain(`x-request-id: ${body.requestId}`);
    } finally {
      await t.close();
    }
  });
});

describe('slow clients and many connections', () => {
  it('cuts off a body trickled slower than the request timeout, with a 408', async () => {
    const { t, port } = await listening({
      PACTROOM_REQUEST_TIMEOUT_MS: '1000',
      PACTROOM_HEADERS_TIMEOUT_MS: '1000',
    });
    try {
      const socket = await connect(port);
      const answer = untilClosed(socket);
      // 200 bytes announced, one sent every 100 ms: 20 s to finish, far past the limit.
      socket.write(
        'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{',
      );
      let sent = 1;
      const trickle = setInterval(() => {
        if (!socket.destroyed && sent < 200) {
          socket.write(' ');
          sent++;
        }
      }, 100);
      const text = await answer;
      clearInterval(trickle);
      expect(text.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
      expect(text).toContain('"code":"REQUEST_TIMEOUT"');
      expect(sent).toBeLessThan(200);
    } finally {
      await t.close();
    }
  });

  it('drops connections past the cap before any work, and serves again once below it', async () => {
    const { t, port } = await listening({ PACTROOM_MAX_CONNECTIONS: '3' });
    try {
      const held = [await connect(port), await connect(port), await connect(port)];
      const extra = net.connect(port, '127.0.0.1');
      const answer = untilClosed(extra);
      extra.on('connect', () => extra.write('GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n'));
      expect(await answer).toBe('');
      for (const socket of held) {
        socket.destroy();
      }
      const served = await connect(port).catch(() => undefined);
      served?.destroy();
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(res.status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
