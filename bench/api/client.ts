// Small clients the API bench talks through: HTTP to a server under test, pg to its database.
import pg from 'pg';
import { PASSWORD } from './settings.js';

/** Signs a demo account in and returns its access token. */
export async function login(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const body = (await res.json()) as { accessToken?: string };
  if (res.status !== 200 || !body.accessToken) {
    throw new Error(`login ${email}: ${res.status} ${JSON.stringify(body)}`);
  }
  return body.accessToken;
}

export async function getJson(url: string, token: string): Promise<unknown> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body: unknown = await res.json();
  if (res.status !== 200) {
    throw new Error(`GET ${url}: ${res.status} ${JSON.stringify(body)}`);
  }
  return body;
}

/** Sorted-key JSON, to compare two response bodies whatever their key order. */
export function stable(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** A seeded shuffle, so every run requests the same pacts in the same order. */
export function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export async function withClient<T>(
  url: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Signs a demo account in through the sign-in page, as a browser does (the form's CSRF token and
 * cookie, then the session cookie), and returns the Cookie header its pages are requested with.
 */
export async function pageSession(url: string, email: string): Promise<string> {
  const form = await fetch(`${url}/sign-in`);
  const csrfCookie = form.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (form.status !== 200 || !token) {
    throw new Error(`sign-in page: ${form.status}`);
  }
  const res = await fetch(`${url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: csrfCookie.join('; '),
    },
    body: new URLSearchParams({ _csrf: token, email, password: PASSWORD, next: '/' }).toString(),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith('pactroom_session='));
  if (res.status !== 303 || !session) {
    throw new Error(`sign in ${email} through the page: ${res.status}`);
  }
  return [...csrfCookie, session.split(';')[0] ?? ''].join('; ');
}
