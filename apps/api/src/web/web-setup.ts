import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import view from '@fastify/view';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { multipartFields } from '@pactroom/notifications';
import { Eta } from 'eta';
import type { FastifyReply } from 'fastify';
import type { ResolvedConfig } from '../config/app-config.js';
import { renderError } from './render.js';
import { csrfBinding } from './session-cookie.js';
import { ASSETS_DIR, HTMX_DIR, HTMX_SSE_FILE, VIEWS_DIR } from './web-files.js';

/** The first path segments that are pages (everything else under `/api` is the JSON API). */
export const PAGE_PREFIXES = [
  'consultation',
  'sign-in',
  'sign-out',
  'pact',
  'queue',
  'review',
  'suggestions',
  'verify',
  'admin',
  'charts',
  'live',
  'invitation',
  'password-reset',
  'account',
  'hooks',
  'inbox',
  'unsubscribe',
  'mailbox',
  'calendar',
] as const;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A key of its own for each use, derived from the one configured secret. */
function derivedKey(secret: string, purpose: string): string {
  return createHmac('sha256', secret).update(`pactroom:${purpose}`).digest('base64url');
}

const isUnsubscribePath = (url: string) => /^\/unsubscribe\/[^/?]+(\?|$)/.test(url);

/**
 * A mail client's RFC 8058 one-click unsubscribe: a POST to the link's own path with exactly
 * `List-Unsubscribe=One-Click` and no CSRF token (it has no session). The signed token in the path
 * is the authority, so this one request, and no other, skips the CSRF check.
 */
export function isOneClickUnsubscribe(url: string, body: unknown): boolean {
  return (
    isUnsubscribePath(url) &&
    typeof body === 'object' &&
    body !== null &&
    (body as Record<string, unknown>)['List-Unsubscribe'] === 'One-Click'
  );
}

export function isPagePath(url: string): boolean {
  return !url.startsWith('/api/') && url !== '/api' && !url.startsWith('/api?');
}

/**
 * The web pages' plumbing on the same Fastify instance as the API: signed cookies, form bodies,
 * eta templates, our static files and htmx under `/assets/`, and a CSRF check before every page
 * form is handled — in a hook, so no page can forget it. The JSON API (bearer tokens, no cookies)
 * is untouched.
 */
export async function registerWeb(app: NestFastifyApplication, config: ResolvedConfig) {
  const secret = config.auth.jwtSecret;
  const production = config.env === 'production';
  await app.register(cookie, { secret: derivedKey(secret, 'cookie') });
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: '_csrf',
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, secure: production, signed: true },
    // A token is good only for the session it was issued to (none before sign-in).
    getUserInfo: csrfBinding,
    csrfOpts: { hmacKey: derivedKey(secret, 'csrf') },
  });
  await app.register(view, {
    engine: { eta: new Eta({ autoEscape: true, autoTrim: [false, 'nl'] }) },
    templates: VIEWS_DIR,
    // Compiled once and kept: templates are read from the build's copy, which changes only when
    // `npm start` rebuilds (and restarts) anyway.
    production: true,
  });
  app.useStaticAssets({
    root: [ASSETS_DIR, HTMX_DIR],
    prefix: '/assets/',
    decorateReply: false,
    allowedPath: (path) => /^\/[a-z0-9.-]+\.(css|js|svg)$/.test(path),
    immutable: false,
    maxAge: production ? '1d' : 0,
  });

  const fastify = app.getHttpAdapter().getInstance();
  // The extension's file is `sse.js` in its package: served under a name that says what it is.
  const sse = readFileSync(HTMX_SSE_FILE);
  fastify.get('/assets/htmx-ext-sse.js', (_request, reply) => {
    void reply
      .header('cache-control', production ? 'public, max-age=86400' : 'no-cache')
      .type('text/javascript; charset=utf-8')
      .send(sse);
  });
  // RFC 8058's own example sends the one-click POST as multipart/form-data: read exactly that,
  // on exactly that path; multipart anywhere else stays 415 as before.
  fastify.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'string', bodyLimit: 4 * 1024 },
    (request, body, done) => {
      const fields = isUnsubscribePath(request.url)
        ? multipartFields(body as string, request.headers['content-type'] ?? '')
        : undefined;
      if (fields) {
        done(null, fields);
        return;
      }
      const refused = Object.assign(new Error('Unsupported Media Type'), {
        code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
        statusCode: 415,
      });
      done(refused, undefined);
    },
  );
  fastify.addHook('preHandler', (request, reply, done) => {
    if (
      SAFE_METHODS.has(request.method) ||
      !isPagePath(request.url) ||
      (request.method === 'POST' && isOneClickUnsubscribe(request.url, request.body))
    ) {
      done();
      return;
    }
    // The plugin answers a failure with reply.send(error); give it a reply whose send renders our
    // own page instead (a form that expired or came from elsewhere changes nothing).
    const refuse = {
      unsignCookie: (value: string) => reply.unsignCookie(value),
      send: () =>
        void renderError(request, reply, 403, {
          title: 'This form has expired',
          message:
            'Nothing was changed. The form was older than your session or came from another site: go back, reload the page and try again.',
        }),
    } as unknown as FastifyReply;
    fastify.csrfProtection(request, refuse, done);
  });
}
