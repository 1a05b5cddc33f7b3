import sjson from 'secure-json-parse';
import { ApiError } from './api-error.js';

/** Deeper bodies are refused: no API body nests more than a few levels, and the validator recurses. */
export const MAX_JSON_DEPTH = 32;

// A UTF-16 high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NUL = String.fromCharCode(0);

const invalid = (message: string) => new ApiError(400, 'INVALID_JSON', message);

function checkText(text: string): void {
  if (text.includes(NUL)) {
    throw invalid('Text must not contain NUL characters.');
  }
  if (LONE_SURROGATE.test(text)) {
    throw invalid('Text must be valid Unicode (a lone surrogate was found).');
  }
}

/**
 * Parses a JSON request body and refuses, with 400 INVALID_JSON, what is valid JSON text but not
 * data this API can store or hash: nesting deeper than {@link MAX_JSON_DEPTH}, NUL characters and
 * lone surrogates (PostgreSQL and canonical JSON refuse them), numbers that overflow to Infinity,
 * and `__proto__`/`constructor` keys (prototype poisoning, as Fastify's own parser refuses).
 */
export function parseJsonBody(text: string): unknown {
  let value: unknown;
  try {
    value = sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch {
    throw invalid('The body is not valid JSON.');
  }
  // Iterative walk: a recursive one would itself overflow on the bodies it must refuse.
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value: node, depth } = item;
    if (typeof node === 'string') {
      checkText(node);
    } else if (typeof node === 'number' && !Number.isFinite(node)) {
      throw invalid('Numbers must be finite.');
    } else if (typeof node === 'object' && node !== null) {
      if (depth >= MAX_JSON_DEPTH) {
        throw invalid(`The body nests deeper than ${MAX_JSON_DEPTH} levels.`);
      }
      for (const [key, child] of Object.entries(node)) {
        checkText(key);
        stack.push({ value: child, depth: depth + 1 });
      }
    }
  }
  return value;
}
