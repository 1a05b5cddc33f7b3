// The checks of a Pactroom agreement certificate, for the browser. They repeat, step for step, what
// libs/audit-chain does on the server (verifyCertificate, then the tree head and inclusion checks
// of inclusionProblem): the same canonical JSON, the same SHA-256 hex hashes, the same Ed25519
// signature over the ASCII hash, and the same order of checks, so the page and the lib name the
// same problem. The signature is checked with the key the page publishes, never the copy inside
// the certificate. Plain ES2022, no build step (CSP: script-src 'self'); verify-certificate.js
// uses it through `globalThis.pactroomCertificates`.
(() => {
  'use strict';

  const FORMAT = 'pactroom.agreement-certificate/2';
  const HEX_HASH = /^[0-9a-f]{64}$/;
  const encoder = new TextEncoder();

  /** Thrown for data the lib's canonicalJson refuses (CanonicalJsonError there). */
  class CanonicalError extends Error {}

  // --- canonical JSON: libs/audit-chain/src/canonical-json.ts, for data read from JSON text ---

  const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

  function writeString(text) {
    if (LONE_SURROGATE.test(text)) {
      throw new CanonicalError('string contains a lone surrogate');
    }
    return JSON.stringify(text);
  }

  function write(value, ancestors) {
    switch (typeof value) {
      case 'string':
        return writeString(value);
      case 'number':
        if (!Number.isFinite(value)) {
          throw new CanonicalError('number is not finite');
        }
        return JSON.stringify(value);
      case 'boolean':
        return value ? 'true' : 'false';
      case 'object':
        return value === null ? 'null' : writeContainer(value, ancestors);
      default:
        throw new CanonicalError(`${typeof value} is not JSON`);
    }
  }

  function writeContainer(value, ancestors) {
    if (ancestors.has(value)) {
      throw new CanonicalError('cyclic structure');
    }
    ancestors.add(value);
    try {
      if (Array.isArray(value)) {
        const items = [];
        for (let i = 0; i < value.length; i++) {
          items.push(write(value[i], ancestors));
        }
        return `[${items.join(',')}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new CanonicalError('only plain objects can be hashed');
      }
      const members = [];
      // Default sort compares UTF-16 code units: the JCS key order, as in the lib.
      for (const key of Object.keys(value).sort()) {
        if (value[key] !== undefined) {
          members.push(`${writeString(key)}:${write(value[key], ancestors)}`);
        }
      }
      return `{${members.join(',')}}`;
    } finally {
      ancestors.delete(value);
    }
  }

  function canonicalJson(value) {
    return write(value, new Set());
  }

  // --- hashing and signatures: canonical-json.ts sha256Hex, merkle.ts, keys.ts ---

  const hex = (buffer) =>
    Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

  const fromHex = (text) => Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16));

  async function sha256Hex(bytes) {
    return hex(await crypto.subtle.digest('SHA-256', bytes));
  }

  const hashText = (text) => sha256Hex(encoder.encode(text));
  const hashCanonical = (value) => hashText(canonicalJson(value));

  function concat(...parts) {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }

  const merkleLeafHash = (text) => sha256Hex(concat(Uint8Array.of(0), encoder.encode(text)));
  const merkleNodeHash = (left, right) =>
    sha256Hex(concat(Uint8Array.of(1), fromHex(left), fromHex(right)));

  /** Strict base64, as keys.ts: text that does not re-encode to itself was altered. */
  function base64Bytes(text) {
    if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
      return null;
    }
    try {
      const binary = atob(text);
      const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
      return btoa(binary) === text ? bytes : null;
    } catch {
      return null;
    }
  }

  /** The SPKI DER bytes of a PEM public key. */
  function pemBytes(pem) {
    const body = pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
    const bytes = base64Bytes(body);
    if (!bytes) {
      throw new Error('the published key is not PEM');
    }
    return bytes;
  }

  /** verifyHashSignature: Ed25519 over the ASCII bytes of the hex hash. */
  async function verifyHashSignature(hash, signature, key) {
    if (typeof hash !== 'string' || typeof signature !== 'string') {
      return false;
    }
    const bytes = base64Bytes(signature);
    if (!bytes) {
      return false;
    }
    try {
      return await crypto.subtle.verify('Ed25519', key, bytes, encoder.encode(hash));
    } catch {
      return false;
    }
  }

  // --- the checks, in the lib's order ---

  /** certificate.ts verifyCertificate: the same problems, in the same order. */
  async function certificateProblem(certificate, key) {
    let hash;
    let termsHash;
    try {
      hash = await hashCanonical(certificate.payload);
      termsHash = await hashCanonical(certificate.payload.revision.terms);
    } catch {
      return 'MALFORMED';
    }
    if (certificate.payload.format !== FORMAT || certificate.algorithm !== 'Ed25519') {
      return 'UNKNOWN_FORMAT';
    }
    if (hash !== certificate.hash) {
      return 'HASH_MISMATCH';
    }
    if (termsHash !== certificate.payload.revision.hash) {
      return 'REVISION_HASH_MISMATCH';
    }
    if (!(await verifyHashSignature(certificate.hash, certificate.signature, key))) {
      return 'BAD_SIGNATURE';
    }
    return null;
  }

  /** merkle.ts verifyInclusion (RFC 9162 §2.1.3.2). */
  async function verifyInclusion(leafHash, index, size, path, root) {
    if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) {
      return false;
    }
    if (!Array.isArray(path) || ![leafHash, root, ...path].every((h) => HEX_HASH.test(h))) {
      return false;
    }
    let fn = index;
    let sn = size - 1;
    let r = leafHash;
    for (const p of path) {
      if (sn === 0) {
        return false;
      }
      if (fn % 2 === 1 || fn === sn) {
        r = await merkleNodeHash(p, r);
        while (fn % 2 !== 1 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      } else {
        r = await merkleNodeHash(r, p);
      }
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    return sn === 0 && r === root;
  }

  /** tree-head.ts inclusionProblem: the tree head's hash and signature, then the proof. */
  async function inclusionProblem(treeHead, inclusion, key) {
    let recomputed;
    try {
      const { seq, prevHash, createdAt, treeSize, rootHash } = treeHead;
      recomputed = await hashCanonical({ seq, prevHash, createdAt, treeSize, rootHash });
    } catch {
      return 'HASH_MISMATCH';
    }
    if (recomputed !== treeHead.hash) {
      return 'HASH_MISMATCH';
    }
    if (!(await verifyHashSignature(treeHead.hash, treeHead.signature, key))) {
      return 'BAD_SIGNATURE';
    }
    let leafHash;
    try {
      const { chain, hash, seq } = inclusion.leaf;
      leafHash = await merkleLeafHash(canonicalJson({ chain, hash, seq }));
    } catch {
      return 'NOT_INCLUDED';
    }
    const included = await verifyInclusion(
      leafHash,
      inclusion.leafIndex,
      treeHead.treeSize,
      inclusion.auditPath,
      treeHead.rootHash,
    );
    return included ? null : 'NOT_INCLUDED';
  }

  const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

  /**
   * Reads a certificate as the API serves it (`{certificate, canonicalTerms, treeHead, inclusion,
   * publicKey, keyId, …}`) or the bare signed certificate (`{payload, hash, algorithm, signature}`).
   */
  function readCertificate(text) {
    let document;
    try {
      document = JSON.parse(text);
    } catch {
      return null;
    }
    if (!isObject(document)) {
      return null;
    }
    const signed = isObject(document.certificate) ? document.certificate : document;
    const looksSigned =
      isObject(signed.payload) &&
      isObject(signed.payload.revision) &&
      typeof signed.hash === 'string' &&
      typeof signed.signature === 'string';
    return looksSigned ? { document, certificate: signed } : null;
  }

  /**
   * Everything the page reports about `text`: `problem` is the lib's code (or NOT_A_CERTIFICATE,
   * OTHER_KEY, TERMS_TEXT_MISMATCH, PAYLOAD_TEXT_MISMATCH, TREE_HEAD_…, NOT_INCLUDED,
   * CHAIN_HEAD_MISMATCH), null when valid.
   */
  async function verifyText(text, platformKeyPem, platformKeyId) {
    const read = readCertificate(text);
    if (!read) {
      return { problem: 'NOT_A_CERTIFICATE' };
    }
    const { document, certificate } = read;
    const key = await crypto.subtle.importKey(
      'spki',
      pemBytes(platformKeyPem),
      { name: 'Ed25519' },
      false,
      ['verify'],
    );
    const base = { certificate, keyId: platformKeyId };
    // The envelope's copy of the key is not signed; it only tells whose key signed, if not ours.
    let embeddedId = platformKeyId;
    if (typeof document.publicKey === 'string') {
      try {
        embeddedId = await sha256Hex(pemBytes(document.publicKey));
      } catch {
        embeddedId = null;
      }
    }
    const otherKey = embeddedId !== platformKeyId;
    const problem = await certificateProblem(certificate, key);
    if (problem || otherKey) {
      const named = otherKey && (problem === null || problem === 'BAD_SIGNATURE');
      return { ...base, problem: named ? 'OTHER_KEY' : problem, embeddedId };
    }
    const payload = certificate.payload;
    // The readable copies served beside the certificate must be exactly what was hashed.
    if (
      typeof document.canonicalTerms === 'string' &&
      document.canonicalTerms !== canonicalJson(payload.revision.terms)
    ) {
      return { ...base, problem: 'TERMS_TEXT_MISMATCH' };
    }
    if (
      typeof document.canonicalPayload === 'string' &&
      document.canonicalPayload !== canonicalJson(payload)
    ) {
      return { ...base, problem: 'PAYLOAD_TEXT_MISMATCH' };
    }
    if (!isObject(document.treeHead) || !isObject(document.inclusion)) {
      return { ...base, problem: null, logged: false };
    }
    const logProblem = await inclusionProblem(document.treeHead, document.inclusion, key);
    if (logProblem) {
      return {
        ...base,
        problem: logProblem === 'NOT_INCLUDED' ? logProblem : `TREE_HEAD_${logProblem}`,
      };
    }
    const leaf = document.inclusion.leaf;
    const head = payload.chainHead;
    // The logged leaf must be this pact's chain head as the certificate states it (chainAgainstLeaf).
    if (
      !isObject(head) ||
      leaf.chain !== payload.pactId ||
      leaf.seq !== head.seq ||
      leaf.hash !== head.hash
    ) {
      return { ...base, problem: 'CHAIN_HEAD_MISMATCH' };
    }
    return { ...base, problem: null, logged: true, treeHead: document.treeHead };
  }

  globalThis.pactroomCertificates = Object.freeze({ verifyText });
})();
