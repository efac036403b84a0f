// Draws the growth and soak charts as SVG files in results/, with Vega-Lite compiled to Vega and rendered
// headless (no browser, no canvas: text widths are estimated).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { growthSpec, soakLatencySpec, soakMemorySpec } from './chart-specs.ts';
import type { GrowthResult, SoakResult } from './results.ts';

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

async function write(file: string, spec: TopLevelSpec): Promise<string> {
  writeFileSync(file, `${await renderSvg(spec)}\n`);
  return file;
}

export async function writeGrowthChart(result: GrowthResult, dir: string): Promise<string[]> {
  return [await write(join(dir, 'growth.svg'), growthSpec(result))];
}

export async function writeSoakCharts(result: SoakResult, dir: string): Promise<string[]> {
  return [
    await write(join(dir, 'soak-p99.svg'), soakLatencySpec(result)),
    await write(join(dir, 'soak-rss.svg'), soakMemorySpec(result)),
  ];
}
