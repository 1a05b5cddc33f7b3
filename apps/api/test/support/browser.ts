import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, expect } from '@jest/globals';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from './pacts.js';
import { createTestApp, type TestApp } from './test-app.js';

// Browser tests drive Debian's Chromium (apt-get install chromium; .ci/run installs it when missing).
// Playwright's own browser download cannot work on these machines.
const CHROMIUM = process.env.PACTROOM_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Where screenshots go: kept as test artifacts (git-ignored). */
export const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'screenshots');

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };

/** The real app listening on a free port, with the demo accounts, and one Chromium. */
export interface BrowserRig {
  readonly t: TestApp;
  readonly baseUrl: string;
  readonly browser: Browser;
  /** A fresh browser context (its own cookies: one person) at `viewport`. */
  person(viewport?: { width: number; height: number }): Promise<BrowserContext>;
  /** A new person signed in as the demo account `name`, on `next` (steps fail after 10 s). */
  signedInPage(
    name: string,
    next: string,
    viewport?: { width: number; height: number },
  ): Promise<Page>;
  close(): Promise<void>;
}

export async function startBrowserRig(env: Record<string, string> = {}): Promise<BrowserRig> {
  const t = await createTestApp({ demo: true, env });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.getHttpServer().address();
  if (address === null || typeof address === 'string') {
    throw new Error('the app is not listening on a TCP port');
  }
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const contexts: BrowserContext[] = [];
  return {
    t,
    baseUrl,
    browser,
    async person(viewport = DESKTOP) {
      const context = await browser.newContext({ baseURL: baseUrl, viewport });
      contexts.push(context);
      return context;
    },
    async signedInPage(name, next, viewport = DESKTOP) {
      const context = await browser.newContext({ baseURL: baseUrl, viewport });
      contexts.push(context);
      const page = await context.newPage();
      // Fail with the step that waited, well within the test's own timeout.
      page.setDefaultTimeout(10_000);
      await signIn(page, name, next);
      return page;
    },
    async close() {
      for (const context of contexts) {
        await context.close().catch(() => undefined);
      }
      await browser.close();
      await t.close();
    },
  };
}

/**
 * Registers `beforeAll`/`afterAll` that start one rig for the test file and close it; the returned
 * rig may be used inside tests and later hooks.
 */
export function useBrowserRig(env: Record<string, string> = {}): BrowserRig {
  let started: BrowserRig | undefined;
  beforeAll(async () => {
    started = await startBrowserRig(env);
  }, 60_000);
  afterAll(() => started?.close());
  const live = (): BrowserRig => {
    if (!started) {
      throw new Error('useBrowserRig: the rig is used outside a test');
    }
    return started;
  };
  return {
    get t() {
      return live().t;
    },
    get baseUrl() {
      return live().baseUrl;
    },
    get browser() {
      return live().browser;
    },
    person: (viewport) => live().person(viewport),
    signedInPage: (name, next, viewport) => live().signedInPage(name, next, viewport),
    close: () => live().close(),
  };
}

/** Demo account email by short name (`officer.ld.hastings`, `admin`). */
export const demoEmail = (name: string) =>
  name === 'admin' ? 'admin@pactroom.test' : `${name}@pactroom.test`;

/** Signs a demo account in through the sign-in page and lands on the desk (or `next`). */
export async function signIn(page: Page, name: string, next = '/'): Promise<void> {
  await signInWith(page, demoEmail(name), DEMO_PASSWORD, next);
}

/** Signs any account in through the sign-in page and lands on the desk (or `next`). */
export async function signInWith(
  page: Page,
  email: string,
  password: string,
  next = '/',
): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
}

/** A fresh page (own cookies) of `viewport` size with `email` signed in, on the desk. */
export async function pageSignedInAs(
  rig: BrowserRig,
  email: string,
  password: string,
  viewport = DESKTOP,
): Promise<Page> {
  const page = await (await rig.person(viewport)).newPage();
  page.setDefaultTimeout(10_000);
  await signInWith(page, email, password);
  return page;
}

/** axe-core on the page as it stands: WCAG 2.0/2.1/2.2 A and AA, zero violations expected. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const violations = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? '?'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`,
  );
  expect(violations).toEqual([]);
}

/** Saves a full-page screenshot as a test artifact. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Usable by keyboard alone: pressing Tab from the top of the page reaches every visible link,
 * button and field (a radio group is one stop), and focus is never trapped before it has.
 */
export async function expectKeyboardReachable(page: Page): Promise<void> {
  const wanted = await page.evaluate<string[]>(`(() => {
    const all = [...document.querySelectorAll(
      'a[href], button, input:not([type=hidden]), select, textarea, [tabindex="0"]',
    )].filter((e) => !e.disabled && e.getClientRects().length > 0 && !e.closest('[inert]'))
      // Inside a closed <details> is out of reach until its summary opens it.
      .filter((e) => { const d = e.closest('details'); return !d || d.open || e.closest('summary'); });
    const radios = new Set();
    const keys = [];
    all.forEach((e, i) => {
      if (e.type === 'radio') {
        // Every radio of the group carries the key: Tab stops on the checked one, whichever it is.
        e.dataset.kb = 'radio:' + e.name;
        if (radios.has(e.name)) return;
        radios.add(e.name);
      } else {
        e.dataset.kb = String(i);
      }
      keys.push(e.dataset.kb);
    });
    return keys;
  })()`);
  await page.evaluate(
    'document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)',
  );
  const seen = new Set<string>();
  // Other stops (a <summary>, say) are allowed in between; a trap would keep focus on one spot.
  for (let i = 0; i < 2 * wanted.length + 10 && seen.size < wanted.length; i++) {
    await page.keyboard.press('Tab');
    const key = await page.evaluate<string | null>(
      `(() => { const e = document.activeElement; return e && e.dataset ? e.dataset.kb ?? null : null; })()`,
    );
    if (key !== null) {
      seen.add(key);
    }
  }
  // An element htmx replaced meanwhile (a refreshed preview) is gone, not missed.
  const missed = wanted.filter((key) => !seen.has(key));
  const described = await page.evaluate<string[]>(
    `${JSON.stringify(missed)}.map((k) => { const e = document.querySelector('[data-kb="' + k + '"]'); return e ? e.outerHTML.slice(0, 120) : null; }).filter((x) => x !== null)`,
  );
  expect(described).toEqual([]);
}
