// ./openpas bench [scenario …] — see bench/README.md.
import { resolve } from 'node:path';
import { run } from './lib/run.ts';

process.exit(
  run(process.execPath, [resolve(import.meta.dirname, '../bench/run.ts'), ...process.argv.slice(2)]),
);
