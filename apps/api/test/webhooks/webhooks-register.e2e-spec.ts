import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { demoTokens, post, tokenIn } from '../support/pacts.js';

// Registration without an allow-list: nothing reaching a private, loopback or reserved address
// (by literal or by a name that resolves to one) is accepted, and each refusal names the address.
let t: TestApp;
let tokens: Record<string, string>;
const coordinator = () => tokenIn(tokens, 'coord.lab.southeast');

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  tokens = await demoTokens(t, ['coord.lab.southeast', 'officer.lab.lewes', 'admin']);
});

afterAll(async () => {
  await t.close();
});

describe('POST /api/webhooks refuses what would reach an internal address', () => {
  it.each([
    ['https://10.0.0.1/x', '10.0.0.1'],
    ['https://169.254.169.254/latest', '169.254.169.254'],
    ['http://127.0.0.1:8080/hook', '127.0.0.1'],
    ['https://[::1]/', '::1'],
    ['https://[::ffff:10.0.0.1]/', '::ffff:a00:1'],
    ['https://localhost/hook', 'localhost resolves to'],
  ])('%s → 422 WEBHOOK_ADDRESS_FORBIDDEN naming %s', async (url, named) => {
    const res = await post(t, coordinator(), '/api/webhooks', { url });
    expect(res.status).toBe(422);
    const body = res.body as { code: string; message: string; details: unknown };
    expect(body.code).toBe('WEBHOOK_ADDRESS_FORBIDDEN');
    expect(body.message).toContain(named);
    expect(body.details).toEqual([{ field: 'url', problems: [expect.any(String)] }]);
  });

  it('refuses other schemes, credentials in the URL and names that do not resolve', async () => {
    const cases: [string, string][] = [
      ['ftp://files.example.org/x', 'WEBHOOK_URL_INVALID'],
      ['https://user:pw@hooks.example.org/x', 'WEBHOOK_URL_INVALID'],
      ['not a url at all', 'WEBHOOK_URL_INVALID'],
      ['https://hooks.pactroom.invalid/x', 'WEBHOOK_HOST_UNRESOLVABLE'],
    ];
    for (const [url, code] of cases) {
      const res = await post(t, coordinator(), '/api/webhooks', { url });
      expect([url, res.status, (res.body as { code: string }).code]).toEqual([url, 422, code]);
    }
  });

  it('applies role and scope before anything else', async () => {
    const url = 'https://10.0.0.1/x';
    const officer = await post(t, tokenIn(tokens, 'officer.lab.lewes'), '/api/webhooks', { url });
    expect([officer.status, (officer.body as { code: string }).code]).toEqual([403, 'FORBIDDEN']);
    const other = await post(t, coordinator(), '/api/webhooks', { url, party: 'ld' });
    expect([other.status, (other.body as { code: string }).code]).toEqual([
      403,
      'WEBHOOK_OUT_OF_SCOPE',
    ]);
    const admin = await post(t, tokenIn(tokens, 'admin'), '/api/webhooks', { url });
    expect([admin.status, (admin.body as { code: string }).code]).toEqual([
      422,
      'WEBHOOK_SCOPE_REQUIRED',
    ]);
    const unknown = await post(t, tokenIn(tokens, 'admin'), '/api/webhooks', {
      url,
      party: 'lab',
      region: 'atlantis',
    });
    expect([unknown.status, (unknown.body as { code: string }).code]).toEqual([
      422,
      'WEBHOOK_SCOPE_UNKNOWN',
    ]);
    const malformed = await post(t, coordinator(), '/api/webhooks', { url: 42 });
    expect([malformed.status, (malformed.body as { code: string }).code]).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    const none = await t.http.post('/api/webhooks').send({ url });
    expect(none.status).toBe(401);
  });

  it('stored nothing', async () => {
    const rows: { n: number }[] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM webhook_endpoints',
    );
    expect(rows[0]?.n).toBe(0);
  });
});
