import { NextIntlClientProvider } from 'next-intl';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import en from '../../../messages/en.json' with { type: 'json' };
import zhTW from '../../../messages/zh-TW.json' with { type: 'json' };
import { MetricsView } from './metrics-view.tsx';
import { parseMetrics } from './parse-metrics.ts';
import { REPORT } from './report-fixture.ts';

function render(locale: 'en' | 'zh-TW', report: unknown = REPORT): string {
  return renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale,
      messages: locale === 'en' ? en : zhTW,
      timeZone: 'Asia/Taipei',
      children: createElement(MetricsView, { metrics: parseMetrics(report) }),
    }),
  );
}

/** The text of each table's rows (cells joined by |), by caption. */
function tables(html: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const table of html.match(/<table[\s\S]*?<\/table>/g) ?? []) {
    const caption = /<caption[^>]*>([\s\S]*?)<\/caption>/.exec(table)?.[1] ?? '';
    const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
    out[caption] = (body.match(/<tr[\s\S]*?<\/tr>/g) ?? []).map((row) =>
      (row.match(/<td[^>]*>([\s\S]*?)<\/td>/g) ?? [])
        .map((cell) => cell.replace(/<[^>]+>/g, '').trim())
        .join('|'),
    );
  }
  return out;
}

describe('MetricsView', () => {
  it('puts every number in a table beside its chart, in Chinese', () => {
    const html = render('zh-TW');
    expect(html).toContain('下載 CSV');
    expect(tables(html)).toEqual({
      各醫院審查結果: [
        '臺北市立聯合醫院 0101090517|3|66.7%|0%|33.3%|0%|33.3%|24|60',
        '新北市立聯合醫院, &quot;東區&quot; 0131020016|1|0%|100%|0%|0%|0%|72|72',
      ],
      各藥品審查結果: ['KC00767209|4|50%|25%|25%|0%|25%|30|70.5'],
      各月份審查時間: ['2026-10|3|66.7%|0%|33.3%|0%|33.3%|24|60', '2026-11|1|0%|100%|0%|0%|0%|72|72'],
    });
    // The totals
    expect(html).toMatch(/審畢案件數<\/dt><dd[^>]*>4<\/dd>/);
    expect(html).toMatch(/審查時間第 90 百分位（小時）<\/dt><dd[^>]*>70.5<\/dd>/);
  });

  it('speaks English too, and says so when nothing was decided', () => {
    expect(render('en')).toContain('Outcomes by hospital');
    const none = {
      ...REPORT,
      group: REPORT.group.map((group) => ({
        ...group,
        population: (group as unknown as { population: { count: number }[] }).population.map((p) => ({
          ...p,
          count: 0,
        })),
        measureScore: undefined,
        stratifier: group.stratifier.map((s) => ({ ...s, stratum: [] })),
      })),
    };
    const html = render('en', none);
    expect(html).toContain('No case was decided in this period.');
    expect(html).not.toContain('<table');
  });
});
