import { describe, expect, it } from 'vitest';
import { csvField, metricsCsv } from './metrics-csv.ts';
import { parseMetrics } from './parse-metrics.ts';
import { REPORT } from './report-fixture.ts';

describe('csvField', () => {
  it('quotes what needs quoting and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' edge')).toBe('" edge"');
    expect(csvField('臺北')).toBe('臺北');
  });

  it('writes numbers plainly and nothing for no number', () => {
    expect(csvField(0.25)).toBe('0.25');
    expect(csvField(0)).toBe('0');
    expect(csvField(null)).toBe('');
  });

  it('keeps a spreadsheet from running text as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
  });
});

describe('metricsCsv', () => {
  const csv = metricsCsv(parseMetrics(REPORT));
  const lines = csv.slice(1).split('\r\n');

  it('is UTF-8 text with a byte-order mark and CRLF lines', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('holds every number: the whole, then each hospital, drug and month', () => {
    expect(lines[0]).toBe(
      'breakdown,code or month,name,decided cases,approved,denied (incl. returned),partial,documents needed,appealed,approval rate,denial rate,partial rate,documents-needed rate,appeal rate,cases timed,median decision time (hours),p90 decision time (hours)',
    );
    expect(lines.slice(1, -1)).toEqual([
      'overall,2026-10..2026-11,,4,2,1,1,0,1,0.5,0.25,0.25,0,0.25,4,30,70.5',
      `hospital,0101090517,臺北市立聯合醫院,3,2,1,0,0,1,${2 / 3},${1 / 3},0,0,${1 / 3},3,24,60`,
      'hospital,0131020016,"新北市立聯合醫院, ""東區""",1,0,0,1,0,0,0,0,1,0,0,1,72,72',
      'drug,KC00767209,KC00767209,4,2,1,1,0,1,0.5,0.25,0.25,0,0.25,4,30,70.5',
      `month,2026-10,2026-10,3,2,1,0,0,1,${2 / 3},${1 / 3},0,0,${1 / 3},3,24,60`,
      'month,2026-11,2026-11,1,0,0,1,0,0,0,0,1,0,0,1,72,72',
    ]);
    expect(lines.at(-1)).toBe('');
  });

  it('takes translated titles', () => {
    const zh = metricsCsv(parseMetrics(REPORT), {
      columns: { decided: '已審畢案件' },
      breakdowns: { hospital: '醫院' },
    });
    expect(zh).toContain(',已審畢案件,');
    expect(zh).toContain('\r\n醫院,0101090517,');
  });
});
