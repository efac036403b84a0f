// ./openpas bench [scenario …] | growth | soak | charts — see bench/README.md.
import { resolve } from 'node:path';
import { run } from './lib/run.ts';

const bench = resolve(import.meta.dirname, '../bench');
const [first, ...rest] = process.argv.slice(2);
// growth, soak and charts are programs of their own; anything else names scenarios of run.ts.
const own: Record<string, string> = { growth: 'growth.ts', soak: 'soak.ts', charts: 'charts.ts' };
const script =
  first && own[first]
    ? [resolve(bench, own[first]), ...rest]
    : [resolve(bench, 'run.ts'), ...process.argv.slice(2)];

process.exit(run(process.execPath, script));
