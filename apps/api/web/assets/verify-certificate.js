// The "Verify a certificate" page: reads the pasted text or the chosen file, runs the checks of
// certificate-checks.js in the browser (nothing is sent anywhere) and says in plain words what
// held or what failed. Plain ES2022, no build step (CSP: script-src 'self').
(() => {
  'use strict';

  const MESSAGES = {
    NOT_A_CERTIFICATE:
      'This is not a Pactroom certificate. Paste the whole JSON document you downloaded (it starts with { and has a "certificate" with a payload, a hash and a signature), or choose its file.',
    MALFORMED:
      'This certificate cannot be checked: part of it is not plain JSON data, so its hash cannot be recomputed.',
    UNKNOWN_FORMAT:
      'This is not a certificate format this page knows (it expects pactroom.agreement-certificate/2 signed with Ed25519).',
    HASH_MISMATCH:
      'The certificate was changed after signing: its contents no longer match the hash the platform signed.',
    REVISION_HASH_MISMATCH:
      'The terms do not match their hash: the terms in this certificate are not the ones that were signed and approved.',
    BAD_SIGNATURE:
      'The signature does not match: the certificate was changed after signing, or it was not signed by the Pactroom platform key.',
    OTHER_KEY:
      'This certificate names a different signing key from the Pactroom platform key this page trusts, so it was not issued by this platform.',
    TERMS_TEXT_MISMATCH:
      'The readable copy of the terms (canonicalTerms) differs from the terms the certificate signs: it was changed.',
    PAYLOAD_TEXT_MISMATCH:
      'The readable copy of the certificate (canonicalPayload) differs from what the certificate signs: it was changed.',
    TREE_HEAD_HASH_MISMATCH:
      'The signed tree head served with the certificate was changed: its contents no longer match its hash.',
    TREE_HEAD_BAD_SIGNATURE:
      'The signed tree head served with the certificate does not carry a valid platform signature.',
    NOT_INCLUDED:
      'The inclusion proof does not hold: the pact’s audit chain head is not shown to be in the signed tree head.',
    CHAIN_HEAD_MISMATCH:
      'The audit chain head logged in the tree head is not the one the certificate states.',
  };

  const short = (hash) => `${String(hash).slice(0, 16)}…`;

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) {
      node.textContent = text;
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  function dateOf(iso) {
    const date = new Date(iso);
    return Number.isNaN(date.getTime())
      ? String(iso)
      : date.toLocaleString('en-GB', {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone: 'Europe/London',
        });
  }

  function summary(result, labels) {
    const p = result.certificate.payload;
    const party = (code) => labels.parties?.[code] ?? String(code);
    const region = (slug) => labels.regions?.[slug] ?? String(slug);
    const election = (code) => labels.elections?.[code] ?? String(code);
    const list = (items) => (Array.isArray(items) ? items : []);
    const lines = [
      `Signed by the Pactroom platform key ${short(result.keyId)} (the key shown below).`,
      `The terms hash matches revision ${p.revision.number}’s canonical terms (${short(p.revision.hash)}).`,
      result.logged
        ? `The audit chain head (event ${p.chainHead.seq}, ${short(p.chainHead.hash)}) is in signed tree head ${result.treeHead.seq} of ${result.treeHead.treeSize} entries, signed by the same key, and the inclusion proof holds.`
        : 'No signed tree head came with this certificate, so its audit chain head was not checked against the log.',
    ];
    const signatures = list(p.signatures);
    const approvals = list(p.approvals);
    const facts = [
      ['Pact', String(p.title)],
      [
        p.event === 'terminated' ? 'Terminated' : 'Ratified',
        dateOf(p.event === 'terminated' ? p.terminatedAt : p.ratifiedAt),
      ],
      ['Election', election(p.election)],
      [
        'Local parties',
        list(p.participants)
          .map((x) => `${x.name} (${party(x.party)})`)
          .join('; '),
      ],
      [
        `${signatures.length} signature${signatures.length === 1 ? '' : 's'}`,
        signatures
          .map((s) => `${s.userName} for ${s.localPartyName}, ${dateOf(s.signedAt)}`)
          .join('; '),
      ],
      [
        `${approvals.length} approval${approvals.length === 1 ? '' : 's'}`,
        approvals
          .map(
            (a) =>
              `${a.userName}, ${party(a.party)} coordinator for ${region(a.region)}, ${dateOf(a.approvedAt)}`,
          )
          .join('; '),
      ],
      ['Issued', dateOf(p.issuedAt)],
    ];
    return { lines, facts };
  }

  function show(region, result, source, labels) {
    region.replaceChildren();
    region.dataset.problem = result.problem ?? 'NONE';
    if (result.problem) {
      const box = element('div', undefined, 'error-summary');
      box.append(
        element('h2', 'Not verified'),
        element('p', `${source}: ${MESSAGES[result.problem] ?? result.problem}`),
      );
      if (result.problem === 'OTHER_KEY') {
        box.append(
          element(
            'p',
            `Key in the certificate: ${result.embeddedId ?? 'unreadable'}; key this page trusts: ${result.keyId}.`,
          ),
        );
      }
      region.append(box);
      return;
    }
    const { lines, facts } = summary(result, labels);
    const box = element('div', undefined, 'success');
    box.append(
      element('h2', 'Verified'),
      element('p', `${source} is a genuine, unchanged Pactroom certificate.`),
    );
    const ul = element('ul');
    for (const line of lines) {
      ul.append(element('li', line));
    }
    const dl = element('dl', undefined, 'facts');
    for (const [term, detail] of facts) {
      dl.append(element('dt', term), element('dd', detail || '—'));
    }
    box.append(ul, dl);
    region.append(box);
  }

  function start() {
    const form = document.getElementById('verify-form');
    const region = document.getElementById('verify-result');
    const keyNode = document.getElementById('platform-key');
    if (!form || !region || !keyNode) {
      return;
    }
    const textArea = document.getElementById('certificate-text');
    const fileInput = document.getElementById('certificate-file');
    const keyId = form.dataset.keyId ?? '';
    let labels = {};
    try {
      labels = JSON.parse(form.dataset.labels ?? '{}');
    } catch {
      labels = {};
    }
    const run = async (text, source) => {
      region.dataset.state = 'checking';
      region.replaceChildren(element('p', 'Checking…'));
      let result;
      try {
        result = await globalThis.pactroomCertificates.verifyText(
          text,
          keyNode.textContent ?? '',
          keyId,
        );
      } catch (error) {
        region.replaceChildren(
          element(
            'p',
            `This browser could not run the check (${error?.message ?? error}). Try an up-to-date browser.`,
            'error-summary',
          ),
        );
        region.dataset.problem = 'BROWSER';
        region.dataset.state = 'done';
        return;
      }
      show(region, result, source, labels);
      region.dataset.state = 'done';
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const file = fileInput.files?.[0];
      if (textArea.value.trim() !== '') {
        void run(textArea.value, 'The pasted certificate');
      } else if (file) {
        void file.text().then((text) => run(text, `The file ${file.name}`));
      } else {
        region.replaceChildren(
          element('p', 'Paste a certificate or choose its file first.', 'notice'),
        );
        region.dataset.state = 'done';
        region.dataset.problem = 'EMPTY';
        textArea.focus();
      }
    });
    // Choosing a file checks it at once; the pasted text is left as it was.
    fileInput.addEventListener('change', () => {
      const file = fileInput.files?.[0];
      if (file) {
        void file.text().then((text) => run(text, `The file ${file.name}`));
      }
    });
  }

  if (typeof document !== 'undefined') {
    start();
  }
})();
