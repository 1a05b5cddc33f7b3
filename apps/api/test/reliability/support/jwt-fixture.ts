// Shared by the JWT attack files: one app with the demo accounts signed in, fresh accounts with a
// session and decoded claims to attack, tokens signed with any header, and the one refusal (a 401
// in the API.md shape) every attack must get.
import { createHmac, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, expect } from '@jest/globals';
import jwt from 'jsonwebtoken';
import type { Response } from 'supertest';
import { createAccount, login } from '../../support/factories.js';
import { demoTokens } from '../../support/pacts.js';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../../support/test-app.js';
import { errorBodyProblems, type ErrorBody } from './error-body.js';

// The file's app and what `useJwtApp`'s beforeAll signed in (ES module live bindings).
export let t: TestApp;
export let tokens: Record<string, string>;
export let admin: string;

/** Boots the file's app with the demo accounts signed in, and closes it afterwards. */
export function useJwtApp(): void {
  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    tokens = await demoTokens(t, [
      'admin',
      'officer.ld.hastings',
      'officer.lab.lewes',
      'coord.ld.southeast',
      'coord.lab.southeast',
    ]);
    admin = tokens.admin ?? '';
  });
  afterAll(async () => {
    await t.close();
  });
}

export const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
export const HS = { alg: 'HS256', typ: 'JWT' };

/** An HMAC-signed token with any header (the signature matches whatever the header claims). */
export function hmacToken(
  header: object,
  payload: object,
  secret: string | Buffer | KeyObject = TEST_JWT_SECRET,
  digest = 'sha256',
): string {
  const head = `${b64(header)}.${b64(payload)}`;
  return `${head}.${createHmac(digest, secret).update(head).digest('base64url')}`;
}

export type Claims = Record<string, unknown> & {
  sub: string;
  sid: string;
  exp: number;
  iat: number;
};

export interface Session {
  readonly userId: string;
  readonly accessToken: string;
  readonly claims: Claims;
}

/** A fresh account signed in once: its id, access token and the token's decoded claims. */
export async function newSession(
  grants: Parameters<typeof createAccount>[1] = [],
): Promise<Session> {
  const account = await createAccount(
    t,
    grants.length ? grants : [{ role: 'member', party: 'lab' }],
  );
  const { accessToken } = await login(t, account.email);
  return { userId: account.id, accessToken, claims: jwt.decode(accessToken) as Claims };
}

/** Asserts a 401 with the API.md error body and an auth error code. */
export function expectRefused(res: Response, what: string): void {
  expect({
    what,
    status: res.status,
    problems: errorBodyProblems(res.status, res.headers, res.text),
  }).toEqual({
    what,
    status: 401,
    problems: [],
  });
  expect((res.body as ErrorBody).code).toMatch(/^(INVALID_TOKEN|UNAUTHENTICATED)$/);
}
