// node bench/charts.ts — draws results/growth.svg from results/growth.json and results/soak-p99.svg and
// results/soak-rss.svg from results/soak.json, for whichever of the two is there.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeGrowthChart, writeSoakCharts } from './lib/charts.ts';
import type { GrowthResult, SoakResult } from './lib/results.ts';

const dir = resolve(import.meta.dirname, 'results');
const read = <T>(name: string): T | undefined =>
  existsSync(join(dir, name)) ? (JSON.parse(readFileSync(join(dir, name), 'utf8')) as T) : undefined;

const written: string[] = [];
const growth = read<GrowthResult>('growth.json');
if (growth) written.push(...(await writeGrowthChart(growth, dir)));
const soak = read<SoakResult>('soak.json');
if (soak) written.push(...(await writeSoakCharts(soak, dir)));
if (written.length === 0) process.stderr.write(`charts: neither growth.json nor soak.json in ${dir}\n`);
for (const file of written) process.stdout.write(`${file}\n`);
