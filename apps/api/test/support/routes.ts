import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * `METHOD /path` of every route the Fastify router serves (HEAD left out). `printRoutes` draws a
 * tree even with `commonPrefix: false` (`/api/pacts` → `└── /:id` → `├── /sign`), four characters
 * of drawing per level, so each path is its ancestors' segments joined.
 */
export function servedRoutes(app: NestFastifyApplication): Set<string> {
  const served = new Set<string>();
  const segments: string[] = [];
  const tree = app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
  for (const line of tree.split('\n')) {
    const match = /^([│├└─ ]*)(\S.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) {
      continue;
    }
    const depth = (match[1] ?? '').length / 4;
    segments.length = depth;
    segments.push(match[2] ?? '');
    const path = segments.join('').replace(/(?<=.)\/$/, '');
    for (const method of match[3]?.split(', ') ?? []) {
      if (method !== 'HEAD') {
        served.add(`${method} ${path}`);
      }
    }
  }
  return served;
}
