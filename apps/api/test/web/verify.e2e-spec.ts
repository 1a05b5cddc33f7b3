// Verify a certificate, in a real browser: a certificate the API issued verifies in the page with a
// plain-words summary (pasted or as a file), altered copies fail in the page exactly as they fail
// in libs/audit-chain, and nothing leaves the page while it checks.
import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  buildCertificatePayload,
  canonicalJson,
  certificateHash,
  hashCanonical,
  signCertificate,
  inclusionProblem,
  verifyCertificate,
  type InclusionProof,
  type SignedCertificate,
} from '@pactroom/audit-chain';
import type { Page } from 'playwright-core';
import { CheckpointService } from '../../src/audit/checkpoint.service.js';
import {
  DESKTOP,
  expectAccessible,
  PHONE,
  screenshot,
  signIn,
  useBrowserRig,
} from '../support/browser.js';
import {
  demoTokens,
  get,
  HASTINGS_FOR_LEWES,
  tokenIn,
  post,
  proposeHastingsForLewes,
} from '../support/pacts.js';

interface CertificateDocument {
  certificate: SignedCertificate;
  canonicalPayload: string;
  canonicalTerms: string;
  treeHead: InclusionProof['treeHead'];
  inclusion: { leafIndex: number; leaf: InclusionProof['leaf']; auditPath: string[] };
  publicKey: string;
  keyId: string;
}

/** Some other Ed25519 public key. */
const OTHER_PUBLIC_KEY = generateKeyPairSync('ed25519')
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();

const rig = useBrowserRig();
/** The certificate exactly as `GET /api/pacts/:id/certificate` served it. */
let served: string;
let doc: CertificateDocument;

beforeAll(async () => {
  const names = [
    'officer.ld.hastings',
    'officer.lab.lewes',
    'coord.ld.southeast',
    'coord.lab.southeast',
    'member.lab',
  ];
  const tokens = await demoTokens(rig.t, names);
  const token = (name: string) => tokenIn(tokens, name);
  const created = await proposeHastingsForLewes(rig.t, token('officer.ld.hastings'));
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  const revision = { revision: 1, hash: created.body.revision.hash as string };
  expect(
    (await post(rig.t, token('officer.lab.lewes'), `/api/pacts/${id}/sign`, revision)).status,
  ).toBe(200);
  expect(
    (await post(rig.t, token('coord.ld.southeast'), `/api/pacts/${id}/approve`, revision)).status,
  ).toBe(200);
  const ratified = await post(
    rig.t,
    token('coord.lab.southeast'),
    `/api/pacts/${id}/approve`,
    revision,
  );
  expect(ratified.body.status).toBe('ratified');
  const response = await get(rig.t, token('member.lab'), `/api/pacts/${id}/certificate`);
  expect(response.status).toBe(200);
  served = response.text;
  doc = JSON.parse(served) as CertificateDocument;
}, 120_000);

/** What libs/audit-chain says of a certificate document's text: the problem code, or NONE. */
function libVerdict(text: string): string {
  const parsed = JSON.parse(text) as CertificateDocument;
  const result = verifyCertificate(parsed.certificate, doc.publicKey);
  if (result.problem) {
    return result.problem;
  }
  const proof: InclusionProof = { treeHead: parsed.treeHead, ...parsed.inclusion };
  return inclusionProblem(proof, doc.publicKey) ?? 'NONE';
}

/** Pastes `text`, presses Verify, and returns the page's verdict once it has one. */
async function verifyPasted(page: Page, text: string): Promise<string> {
  // Forget the last verdict, so the next one is waited for.
  await page.locator('#verify-result').evaluate('(region) => { region.dataset.state = ""; }');
  await page.getByLabel('Paste the certificate').fill(text);
  await page.getByRole('button', { name: 'Verify certificate' }).click();
  const region = page.locator('#verify-result[data-state="done"]');
  await region.waitFor();
  return (await region.getAttribute('data-problem')) ?? '';
}

/** Opens the page and starts recording every request made after it and its assets loaded. */
async function openVerify(page: Page): Promise<string[]> {
  await page.goto('/verify');
  await page.waitForLoadState('networkidle');
  const requests: string[] = [];
  page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
  return requests;
}

const result = (page: Page) => page.locator('#verify-result');

describe('verify a certificate', () => {
  it('verifies a pasted certificate and a chosen file in the browser, sending nothing', async () => {
    const page = await (await rig.person(DESKTOP)).newPage();
    const requests = await openVerify(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Verify a certificate',
    );
    expect(await page.locator('#platform-key-id').textContent()).toBe(doc.keyId);
    expect((await page.locator('#platform-key').textContent())?.trim()).toBe(doc.publicKey.trim());
    await expectAccessible(page);

    expect(libVerdict(served)).toBe('NONE');
    expect(await verifyPasted(page, served)).toBe('NONE');
    const text = (await result(page).textContent()) ?? '';
    expect(text).toContain('Verified');
    expect(text).toContain('The pasted certificate is a genuine, unchanged Pactroom certificate');
    expect(text).toContain(`Signed by the Pactroom platform key ${doc.keyId.slice(0, 16)}`);
    expect(text).toContain('The terms hash matches revision 1’s canonical terms');
    expect(text).toContain(
      `in signed tree head ${doc.treeHead.seq} of ${doc.treeHead.treeSize} entries`,
    );
    expect(text).toContain('Hastings for Lewes');
    expect(text).toContain('General election 2017');
    expect(text).toContain('2 signatures');
    expect(text).toContain('Hastings LD Officer for Hastings and Rye Liberal Democrats');
    expect(text).toContain('Lewes Labour Officer for Lewes Labour');
    expect(text).toContain('2 approvals');
    expect(text).toContain(
      'Lib Dem South East Coordinator, Liberal Democrats coordinator for South East',
    );
    expect(text).toContain('Labour South East Coordinator, Labour coordinator for South East');
    await expectAccessible(page);
    await screenshot(page, 'verify');

    // The same certificate as a file: checked as soon as it is chosen.
    await page.getByLabel('Paste the certificate').fill('');
    await page.getByLabel('Or choose the certificate file').setInputFiles({
      name: 'hastings-for-lewes.json',
      mimeType: 'application/json',
      buffer: Buffer.from(served, 'utf8'),
    });
    await result(page)
      .filter({ hasText: 'The file hastings-for-lewes.json is a genuine' })
      .waitFor();
    expect(await result(page).getAttribute('data-problem')).toBe('NONE');

    // Garbage, then JSON that is not a certificate.
    for (const garbage of ['not a certificate at all', '{"hello": "world"}', '[]']) {
      expect(await verifyPasted(page, garbage)).toBe('NOT_A_CERTIFICATE');
      expect(await result(page).textContent()).toContain('This is not a Pactroom certificate');
    }
    expect(requests).toEqual([]);
  });

  it('fails a changed copy in the page exactly as the lib does', async () => {
    const page = await (await rig.person(DESKTOP)).newPage();
    const requests = await openVerify(page);
    const code = HASTINGS_FOR_LEWES.standAsides[0]?.constituency ?? '';
    expect(served).toContain(code);

    // One changed character in the terms (everywhere they appear): the signed hash no longer fits.
    const changed = served.split(code).join(`${code.slice(0, -1)}6`);
    expect(libVerdict(changed)).toBe('HASH_MISMATCH');
    expect(await verifyPasted(page, changed)).toBe('HASH_MISMATCH');
    expect(await result(page).textContent()).toContain('Not verified');
    expect(await result(page).textContent()).toContain('The certificate was changed after signing');
    await expectAccessible(page);

    // The same change with the certificate's hash recomputed: the terms no longer fit their hash.
    const edited = JSON.parse(changed) as CertificateDocument;
    const rehashed = {
      ...edited,
      certificate: { ...edited.certificate, hash: certificateHash(edited.certificate.payload) },
    };
    const rehashedText = JSON.stringify(rehashed);
    expect(libVerdict(rehashedText)).toBe('REVISION_HASH_MISMATCH');
    expect(await verifyPasted(page, rehashedText)).toBe('REVISION_HASH_MISMATCH');
    expect(await result(page).textContent()).toContain('The terms do not match their hash');

    // Terms, their hash and the certificate's hash all redone: only the signature can tell.
    const payload = {
      ...edited.certificate.payload,
      revision: {
        ...edited.certificate.payload.revision,
        hash: hashCanonical(edited.certificate.payload.revision.terms),
      },
    };
    const forged = JSON.stringify({
      ...edited,
      canonicalTerms: undefined,
      certificate: { ...edited.certificate, payload, hash: certificateHash(payload) },
    });
    expect(libVerdict(forged)).toBe('BAD_SIGNATURE');
    expect(await verifyPasted(page, forged)).toBe('BAD_SIGNATURE');
    expect(await result(page).textContent()).toContain('The signature does not match');

    // A byte of the signature itself.
    const signature = doc.certificate.signature;
    const flipped = served.replace(
      signature,
      `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`,
    );
    expect(libVerdict(flipped)).toBe('BAD_SIGNATURE');
    expect(await verifyPasted(page, flipped)).toBe('BAD_SIGNATURE');

    // The readable copies beside the signed certificate: the lib ignores them, the page does not.
    const terms = JSON.stringify({
      ...doc,
      canonicalTerms: doc.canonicalTerms.replace(code, 'E14000736'),
    });
    expect(libVerdict(terms)).toBe('NONE');
    expect(await verifyPasted(page, terms)).toBe('TERMS_TEXT_MISMATCH');
    const copy = JSON.stringify({ ...doc, canonicalPayload: `${doc.canonicalPayload} ` });
    expect(await verifyPasted(page, copy)).toBe('PAYLOAD_TEXT_MISMATCH');

    // A certificate naming another key than the one the page publishes.
    const otherKey = JSON.stringify({ ...doc, publicKey: OTHER_PUBLIC_KEY });
    expect(await verifyPasted(page, otherKey)).toBe('OTHER_KEY');
    expect(await result(page).textContent()).toContain('names a different signing key');

    // The tree head served with it, altered: its own hash no longer fits.
    const treeHead = JSON.stringify({
      ...doc,
      treeHead: { ...doc.treeHead, treeSize: doc.treeHead.treeSize + 1 },
    });
    expect(libVerdict(treeHead)).toBe('HASH_MISMATCH');
    expect(await verifyPasted(page, treeHead)).toBe('TREE_HEAD_HASH_MISMATCH');
    expect(requests).toEqual([]);
  });

  it('canonicalises as the lib does: a certificate the lib signs over awkward data verifies', async () => {
    const page = await (await rig.person(DESKTOP)).newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const requests = await openVerify(page);
    const { format: _format, ...input } = doc.certificate.payload;
    // Keys that sort differently by code point and by UTF-16 unit, escapes, and awkward numbers.
    const awkward = {
      b: 1,
      B: 2,
      é: 3,
      '😀': 4,
      ﬀ: 5,
      text: 'Line\u2028sep “quoted” \\ \u0007 naïve Ynys Môn',
      numbers: [0.1 + 0.2, 1e21, 1e-7, -0, 123456789012345680000, 5e-324],
      nested: { z: [], a: {}, m: null, t: true },
    };
    const payload = buildCertificatePayload({
      ...input,
      title: '<img src=x onerror=alert(1)> Hastings & Lewes',
      projection: awkward,
    });
    const signed = signCertificate(payload, rig.t.app.get(CheckpointService).signingKey);
    const text = JSON.stringify({
      ...doc,
      certificate: signed,
      canonicalPayload: canonicalJson(payload),
    });
    expect(libVerdict(text)).toBe('NONE');
    expect(await verifyPasted(page, text)).toBe('NONE');
    expect(await result(page).textContent()).toContain(
      '<img src=x onerror=alert(1)> Hastings & Lewes',
    );
    // One byte of the awkward data changed after signing: both refuse it.
    const changed = text.replace('naïve', 'naive');
    expect(libVerdict(changed)).toBe('HASH_MISMATCH');
    expect(await verifyPasted(page, changed)).toBe('HASH_MISMATCH');
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('is usable by keyboard on a phone, signed in, with the navigation marking the page', async () => {
    const page = await (await rig.person(PHONE)).newPage();
    await signIn(page, 'member.lab', '/verify');
    expect(
      await page.getByRole('link', { name: 'Verify a certificate' }).getAttribute('aria-current'),
    ).toBe('page');
    await expectAccessible(page);
    await page.getByLabel('Paste the certificate').focus();
    await page.keyboard.insertText(served);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Verify certificate');
    await page.keyboard.press('Enter');
    await page.locator('#verify-result[data-state="done"]').waitFor();
    expect(await result(page).getAttribute('data-problem')).toBe('NONE');
    expect(await result(page).getAttribute('role')).toBe('status');
    expect(await result(page).getAttribute('aria-live')).toBe('polite');
    await expectAccessible(page);
    await screenshot(page, 'verify-phone');
  });

  it('explains without JavaScript that the check needs it, and its form sends nothing', async () => {
    const context = await rig.browser.newContext({
      baseURL: rig.baseUrl,
      javaScriptEnabled: false,
    });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto('/verify');
      expect(await page.locator('.verify-noscript').textContent()).toContain(
        'Verification needs JavaScript',
      );
      await page.getByLabel('Paste the certificate').fill(served);
      await page.getByRole('button', { name: 'Verify certificate' }).click();
      await page.waitForLoadState('load');
      const url = new URL(page.url());
      expect(url.pathname).toBe('/verify');
      expect(url.search).toBe('');
      expect(await result(page).textContent()).toBe('');
    } finally {
      await context.close();
    }
  });
});
