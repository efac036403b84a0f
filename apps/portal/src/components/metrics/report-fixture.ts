// A $decision-metrics answer for the unit tests, built the way the FHIR API builds it (one group per
// measure, three stratifiers): two hospitals, one drug, two months.

const POP = 'http://terminology.hl7.org/CodeSystem/measure-population';
const OWN = 'https://openpas.dev/fhir/CodeSystem/decision-metrics';

type Numbers = {
  decided: number;
  counts: Record<string, number>;
  timed: number;
  median?: number;
  p90?: number;
};

const rate = (n: Numbers, counted: string) => ({
  population: [
    { code: { coding: [{ system: POP, code: 'denominator' }] }, count: n.decided },
    { code: { coding: [{ system: POP, code: 'numerator' }] }, count: n.counts[counted] ?? 0 },
  ],
  ...(n.decided ? { measureScore: { value: (n.counts[counted] ?? 0) / n.decided } } : {}),
});
const time = (n: Numbers, value: number | undefined) => ({
  population: [{ code: { coding: [{ system: POP, code: 'measure-population' }] }, count: n.timed }],
  ...(value !== undefined
    ? { measureScore: { value, unit: 'h', system: 'http://unitsofmeasure.org', code: 'h' } }
    : {}),
});

const OVERALL: Numbers = {
  decided: 4,
  counts: { approved: 2, denied: 1, partial: 1, appealed: 1 },
  timed: 4,
  median: 30,
  p90: 70.5,
};
const HOSPITALS: [string, string, Numbers][] = [
  [
    '0101090517',
    '臺北市立聯合醫院',
    { decided: 3, counts: { approved: 2, denied: 1, appealed: 1 }, timed: 3, median: 24, p90: 60 },
  ],
  [
    '0131020016',
    '新北市立聯合醫院, "東區"',
    { decided: 1, counts: { partial: 1 }, timed: 1, median: 72, p90: 72 },
  ],
];
const DRUGS: [string, Numbers][] = [['KC00767209', OVERALL]];
const MONTHS: [string, Numbers][] = [
  ['2026-11', { decided: 1, counts: { partial: 1 }, timed: 1, median: 72, p90: 72 }],
  ['2026-10', { decided: 3, counts: { approved: 2, denied: 1, appealed: 1 }, timed: 3, median: 24, p90: 60 }],
];

const GROUPS: [string, (n: Numbers) => object][] = [
  ['approval-rate', (n) => rate(n, 'approved')],
  ['denial-rate', (n) => rate(n, 'denied')],
  ['partial-rate', (n) => rate(n, 'partial')],
  ['documents-needed-rate', (n) => rate(n, 'documentsNeeded')],
  ['appeal-rate', (n) => rate(n, 'appealed')],
  ['decision-time-median', (n) => time(n, n.median)],
  ['decision-time-p90', (n) => time(n, n.p90)],
];

export const REPORT = {
  resourceType: 'MeasureReport',
  status: 'complete',
  type: 'summary',
  measure: 'https://openpas.dev/fhir/Measure/decision-metrics',
  date: '2026-12-05T00:00:00.000Z',
  period: { start: '2026-10-01T00:00:00+08:00', end: '2026-11-30T23:59:59+08:00' },
  group: GROUPS.map(([code, score]) => ({
    code: { coding: [{ system: OWN, code }] },
    ...score(OVERALL),
    stratifier: [
      {
        code: [{ coding: [{ system: OWN, code: 'hospital' }] }],
        stratum: HOSPITALS.map(([key, name, n]) => ({
          value: {
            coding: [
              {
                system: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/organization-identifier-tw',
                code: key,
                display: name,
              },
            ],
            text: name,
          },
          ...score(n),
        })),
      },
      {
        code: [{ coding: [{ system: OWN, code: 'drug' }] }],
        stratum: DRUGS.map(([key, n]) => ({ value: { coding: [{ code: key }], text: key }, ...score(n) })),
      },
      {
        code: [{ coding: [{ system: OWN, code: 'month' }] }],
        stratum: MONTHS.map(([key, n]) => ({ value: { text: key }, ...score(n) })),
      },
    ],
  })),
};
