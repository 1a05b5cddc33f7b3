import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import { csrfBinding } from './session-cookie.js';
import { format } from './format.js';
import { navigationFor } from './navigation.js';

type PageRequest = FastifyRequest & { user?: Principal; inboxUnread?: number };

/**
 * Renders a page template with what every page needs: the viewer, the navigation their roles give,
 * a CSRF token bound to their session, and `no-store` (pages show private data).
 */
export async function renderPage(
  request: FastifyRequest,
  reply: FastifyReply,
  template: string,
  model: Record<string, unknown>,
  status = 200,
): Promise<FastifyReply> {
  const viewer = (request as PageRequest).user;
  const csrf = reply.generateCsrf({ userInfo: csrfBinding(request) });
  const html = await reply.viewAsync(`${template}.eta`, {
    ...model,
    csrf,
    fmt: format,
    viewer,
    nav: navigationFor(viewer, request.url),
    // Unknown (undefined) on pages reached without the session guard: the badge shows no number.
    inboxUnread: (request as PageRequest).inboxUnread,
    inboxCurrent: /^\/inbox(\/|\?|$)/.test(request.url),
    settingsCurrent: /^\/account\/notifications(\?|$)/.test(request.url),
  });
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(html);
}

/** The error page: what happened in plain words, and nothing changed. */
export function renderError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  text: { title: string; message: string },
): Promise<FastifyReply> {
  return renderPage(
    request,
    reply,
    'error',
    { title: text.title, message: text.message, status, requestId: request.id },
    status,
  );
}

/** An error as a fragment, for an htmx request: swapped in where its answer would have gone. */
export async function renderFragment(
  _request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  text: { title: string; message: string },
): Promise<FastifyReply> {
  const html = await reply.viewAsync('partials/error-fragment.eta', { ...text, status });
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(html);
}
