import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the pages' templates and static files live: `apps/api/web/` beside the sources, and its copy
 * in `dist/apps/api/web/` that the build makes — both two folders up from this module.
 */
const webRoot = fileURLToPath(new URL('../../web/', import.meta.url));

export const VIEWS_DIR = join(webRoot, 'views');
export const ASSETS_DIR = join(webRoot, 'assets');

/** htmx, pinned in package.json and served by the app itself (no CDN). */
export const HTMX_DIR = join(
  dirname(createRequire(import.meta.url).resolve('htmx.org/package.json')),
  'dist',
);

/**
 * htmx's Server-Sent Events extension (pinned in package.json), served as
 * `/assets/htmx-ext-sse.js`: the live updates' connection (LiveStreams).
 */
export const HTMX_SSE_FILE = join(
  dirname(createRequire(import.meta.url).resolve('htmx-ext-sse/package.json')),
  'dist',
  'sse.js',
);
