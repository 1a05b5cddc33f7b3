import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The compiled file of a worker thread that sits beside the module at `moduleUrl`. Under
 * `npm start` that module is itself compiled and the worker is its neighbour; under the tests
 * (which run the TypeScript sources) it is the copy in `dist/` that `npm test` builds first.
 */
export function compiledWorkerFile(moduleUrl: string, workerName: string): string {
  const here = fileURLToPath(moduleUrl);
  const compiled = here.endsWith('.ts')
    ? here.replace(/([\\/])apps([\\/])/, '$1dist$1apps$2').replace(/\.ts$/, '.js')
    : here;
  const file = compiled.replace(/[^\\/]+$/, workerName);
  if (!existsSync(file)) {
    throw new Error(`worker not built: ${file} (run npm run build)`);
  }
  return file;
}
