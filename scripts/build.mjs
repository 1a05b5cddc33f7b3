// Compiles apps/, libs/, migrations/ and bench/ to dist/ with swc (type checking is `npm run typecheck`).
// The `@pactroom/<lib>` alias is rewritten to a relative import of dist/libs/<lib>/src/index.js so
// the output runs on plain Node ESM without a loader.
import { transformFile } from '@swc/core';
import { mkdir, readdir, writeFile, cp } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const sources = ['apps', 'libs', 'migrations', 'bench'];
const out = join(root, 'dist');

async function* walk(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

function rewriteAlias(code, fromFile) {
  return code.replace(
    /(from\s+|import\s*\(\s*)(['"])@pactroom\/([a-z0-9-]+)\2/g,
    (_m, pre, q, lib) => {
      let rel = relative(dirname(fromFile), join(out, 'libs', lib, 'src', 'index.js'))
        .split(sep)
        .join('/');
      if (!rel.startsWith('.')) rel = `./${rel}`;
      return `${pre}${q}${rel}${q}`;
    },
  );
}

const started = Date.now();
let count = 0;
const jobs = [];
for (const source of sources) {
  for await (const file of walk(join(root, source))) {
    const rel = relative(root, file);
    if (rel.includes(`${sep}test${sep}`) || /\.(spec|e2e-spec)\.ts$/.test(file)) continue;
    const target = join(out, rel);
    if (file.endsWith('.ts') && !file.endsWith('.d.ts')) {
      jobs.push(
        (async () => {
          const js = target.replace(/\.ts$/, '.js');
          const result = await transformFile(file, {
            configFile: join(root, '.swcrc'),
            sourceFileName: relative(dirname(js), file),
          });
          await mkdir(dirname(js), { recursive: true });
          await writeFile(
            js,
            `${rewriteAlias(result.code, js)}\n//# sourceMappingURL=${js.split(sep).pop()}.map\n`,
          );
          if (result.map) await writeFile(`${js}.map`, result.map);
          count++;
        })(),
      );
    }
  }
}
await Promise.all(jobs);
// The pages' templates and static files are read at run time from beside the compiled code.
await cp(join(root, 'apps', 'api', 'web'), join(out, 'apps', 'api', 'web'), { recursive: true });
process.stdout.write(`built ${count} files in ${Date.now() - started} ms\n`);
