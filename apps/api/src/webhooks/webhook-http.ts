import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './webhook-target.js';

/** What one HTTP attempt came to. */
export interface PostOutcome {
  readonly statusCode: number | null;
  /** Why it failed (null on a 2xx). */
  readonly error: string | null;
  readonly durationMs: number;
}

/**
 * POSTs once to `url`, connecting only to `address` (already checked): the socket's name lookup
 * is replaced by one that answers that address, so the TLS name check and the Host header still
 * use the URL's host while DNS cannot be asked again between check and connect. No redirect is
 * followed (Node's client never follows; a 3xx is reported as a failure), and the whole request —
 * connect, send, answer — is abandoned after `timeoutMs`.
 */
export function postOnce(
  url: URL,
  address: ResolvedAddress,
  headers: Readonly<Record<string, string>>,
  body: string,
  timeoutMs: number,
): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const pinned: LookupFunction = (_host, options, callback) => {
    if (options.all) {
      callback(null, [{ address: address.address, family: address.family }]);
    } else {
      callback(null, address.address, address.family);
    }
  };
  return new Promise((resolve) => {
    let settled = false;
    const finish = (statusCode: number | null, error: string | null) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        resolve({ statusCode, error, durationMs: elapsed() });
      }
    };
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: 'POST',
      lookup: pinned,
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      agent: false,
    });
    const timer = setTimeout(() => {
      finish(null, `timed out after ${timeoutMs} ms`);
      request.destroy();
    }, timeoutMs);
    request.on('response', (response) => {
      const code = response.statusCode ?? 0;
      // The answer's body is not needed; read (and drop) it so the socket closes cleanly.
      response.resume();
      response.on('end', () => {
        if (code >= 200 && code < 300) {
          finish(code, null);
        } else if (code >= 300 && code < 400) {
          const to = response.headers.location ?? '(no location)';
          finish(code, `redirect to ${to} not followed`);
        } else {
          finish(code, `answered HTTP ${code}`);
        }
      });
      response.on('error', (error) => finish(code, error.message));
    });
    request.on('error', (error) => finish(null, error.message));
    request.end(body);
  });
}
