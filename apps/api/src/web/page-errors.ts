import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '../common/http-exception.filter.js';
import { isHtmx } from './page-input.js';
import { renderError, renderFragment } from './render.js';
import { SESSION_COOKIE } from './session-cookie.js';
import { SignInRequired } from './web-sessions.js';

const TITLES: Readonly<Record<number, string>> = {
  400: 'That did not work',
  401: 'Please sign in',
  403: 'Not allowed',
  404: 'Page not found',
  409: 'Someone got there first',
  429: 'Too many attempts',
  503: 'Briefly unavailable',
};

/** Where a signed-out visitor goes: the sign-in page, then back to what they asked for. */
function signInLocation(request: FastifyRequest, ended: boolean): string {
  const next = request.method === 'GET' ? request.url : '/';
  const query = new URLSearchParams({ next });
  if (ended) {
    query.set('ended', '1');
  }
  return `/sign-in?${query.toString()}`;
}

/**
 * A failure on a page answers as a page: signed-out visitors are sent to sign in, everything else
 * gets the error page with the API's message (a page you may not see is the same 404 page as one
 * that does not exist).
 */
export async function answerPageError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  map: () => { status: number; body: ErrorBody; headers?: Readonly<Record<string, string>> },
): Promise<void> {
  // An htmx request swaps its answer into part of a page: a redirect or a whole error page there
  // would be nonsense, so it is told to go to the sign-in page, or given the message alone.
  const fromHtmx = isHtmx(request);
  if (error instanceof SignInRequired) {
    if (error.ended) {
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    if (fromHtmx) {
      const current = request.headers['hx-current-url'];
      const back = typeof current === 'string' ? new URL(current, 'http://x').pathname : '/';
      const query = new URLSearchParams({ next: back, ...(error.ended ? { ended: '1' } : {}) });
      await reply.status(401).header('hx-redirect', `/sign-in?${query.toString()}`).send();
      return;
    }
    await reply.redirect(signInLocation(request, error.ended), 303);
    return;
  }
  const { status, body, headers } = map();
  if (headers) {
    void reply.headers(headers);
  }
  const message =
    status === 404
      ? 'There is no page here, or it is not yours to see. Check the address, or go back to your desk.'
      : status >= 500
        ? `Something went wrong on our side. Nothing was changed. If it happens again, quote reference ${body.requestId}.`
        : body.message;
  const text = { title: TITLES[status] ?? 'That did not work', message };
  await (fromHtmx ? renderFragment : renderError)(request, reply, status, text);
}
