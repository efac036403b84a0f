// The test's own count of the decision metrics, from ClaimResponses (every version) and Claims as read back
// over the API — not from case_metrics or its SQL — in the shape of the MeasureReport's numbers, so the two
// compare with one toEqual.

export interface ReadCase {
  /** Every version of the ClaimResponse, oldest first */
  versions: Record<string, unknown>[];
  /** The Claims the versions name (ClaimResponse.request), by reference `Claim/id` */
  claims: Map<string, Record<string, unknown>>;
  /** Hospital names by 醫事機構代碼 */
  hospitalNames: Record<string, string>;
}

interface Counted {
  hospital: string;
  hospitalName: string;
  drugs: string[];
  month: string;
  outcome: 'approved' | 'denied' | 'partial' | 'documents-needed';
  appealed: boolean;
  hours: number | undefined;
}

type Ext = {
  url: string;
  extension?: Ext[];
  valueString?: string;
  valueDateTime?: string;
  valueCodeableConcept?: { coding?: { system?: string; code?: string }[] };
};

const HISTORY = 'https://openpas.dev/fhir/StructureDefinition/status-history';
const MEDICATION = 'https://openpas.dev/fhir/StructureDefinition/requested-medication';
const DRUG_SYSTEM = 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-medication';

function historyOf(version: Record<string, unknown>): { to: string; at: string }[] {
  return ((version.extension ?? []) as Ext[])
    .filter((e) => e.url === HISTORY)
    .map((e) => ({
      to: e.extension?.find((p) => p.url === 'to')?.valueString ?? '',
      at: e.extension?.find((p) => p.url === 'at')?.valueDateTime ?? '',
    }));
}

function taipeiMonth(at: string): string {
  return new Date(Date.parse(at) + 8 * 3600_000).toISOString().slice(0, 7);
}

function subTypeOf(claim: Record<string, unknown> | undefined): string | undefined {
  return (claim?.subType as { coding?: { code?: string }[] } | undefined)?.coding?.[0]?.code;
}

/** One case as the metrics should count it, or undefined when it was never decided. */
export function countCase(read: ReadCase): Counted | undefined {
  const first = read.versions.find((version) => version.disposition === '審畢結果');
  if (!first) return undefined;
  const history = historyOf(first);
  const decidedAt = history.findLast((entry) => entry.to === '審畢結果');
  if (!decidedAt) throw new Error('a decided version without its history entry');
  const before = history.slice(0, history.lastIndexOf(decidedAt));
  const acceptedAt = before.findLast((entry) => entry.to === '已受理');
  const reasons = (
    (first.item ?? []) as { adjudication: { reason?: { coding?: { code?: string }[] } }[] }[]
  ).map((item) => item.adjudication[0]?.reason?.coding?.[0]?.code ?? '');
  const outcome = reasons.includes('4')
    ? 'documents-needed'
    : reasons.every((r) => r === '1')
      ? 'approved'
      : reasons.every((r) => r === '2' || r === '5')
        ? 'denied'
        : 'partial';
  const claimRef = (first.request as { reference: string }).reference;
  const claim = read.claims.get(claimRef);
  const official = (claim?.identifier as { use?: string; value: string }[] | undefined)?.find(
    (identifier) => identifier.use === 'official',
  )?.value;
  if (!official) throw new Error(`${claimRef} has no acceptance number`);
  const hospital = official.slice(8, 18);
  const drugs = [
    ...new Set(
      ((first.extension ?? []) as Ext[])
        .filter((e) => e.url === MEDICATION)
        .flatMap((e) => e.valueCodeableConcept?.coding ?? [])
        .filter((c) => c.system === DRUG_SYSTEM && c.code)
        .map((c) => String(c.code)),
    ),
  ];
  const appealed = read.versions.some((version) => {
    const ref = (version.request as { reference?: string } | undefined)?.reference ?? '';
    const type = subTypeOf(read.claims.get(ref));
    return type === '3' || type === '4';
  });
  return {
    hospital,
    hospitalName: read.hospitalNames[hospital] ?? '',
    drugs,
    month: taipeiMonth(decidedAt.at),
    outcome,
    appealed,
    hours: acceptedAt ? (Date.parse(decidedAt.at) - Date.parse(acceptedAt.at)) / 3600_000 : undefined,
  };
}

/** percentile_cont: linear interpolation between the closest ranks. */
export function percentileCont(values: readonly number[], fraction: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return low + (high - low) * (position - lower);
}

/** The numbers of a report: `group code → (overall | stratifier:value) → [denominator|population, numerator?, score?]`. */
export type Numbers = Record<string, Record<string, (number | undefined)[]>>;

const GROUPS = [
  ['approval-rate', 'approved'],
  ['denial-rate', 'denied'],
  ['partial-rate', 'partial'],
  ['documents-needed-rate', 'documents-needed'],
  ['appeal-rate', 'appealed'],
  ['decision-time-median', 0.5],
  ['decision-time-p90', 0.9],
] as const;

const round = (value: number | undefined) =>
  value === undefined ? undefined : Math.round(value * 1e6) / 1e6;

function numbersOf(cases: readonly Counted[], group: (typeof GROUPS)[number][1]): (number | undefined)[] {
  if (typeof group === 'number') {
    const hours = cases.map((c) => c.hours).filter((h): h is number => h !== undefined);
    return [hours.length, round(percentileCont(hours, group))];
  }
  const numerator = cases.filter((c) => (group === 'appealed' ? c.appealed : c.outcome === group)).length;
  return [cases.length, numerator, cases.length ? round(numerator / cases.length) : undefined];
}

/** The expected numbers from the cases counted here, for decisions in months from…to. */
export function expectedNumbers(all: readonly Counted[], from: string, to: string): Numbers {
  const cases = all.filter((c) => c.month >= from && c.month <= to);
  const keys = (pick: (c: Counted) => string[]) => [...new Set(cases.flatMap(pick))];
  const out: Numbers = {};
  for (const [code, group] of GROUPS) {
    const row: Record<string, (number | undefined)[]> = { overall: numbersOf(cases, group) };
    for (const h of keys((c) => [c.hospital]))
      row[`hospital:${h}:${cases.find((c) => c.hospital === h)?.hospitalName}`] = numbersOf(
        cases.filter((c) => c.hospital === h),
        group,
      );
    for (const d of keys((c) => c.drugs))
      row[`drug:${d}`] = numbersOf(
        cases.filter((c) => c.drugs.includes(d)),
        group,
      );
    for (const m of keys((c) => [c.month]))
      row[`month:${m}`] = numbersOf(
        cases.filter((c) => c.month === m),
        group,
      );
    out[code] = row;
  }
  return out;
}

type Scored = {
  population: { code: { coding: { code: string }[] }; count: number }[];
  measureScore?: { value: number };
};

function reportNumbers(scored: Scored): (number | undefined)[] {
  const count = (code: string) => scored.population.find((p) => p.code.coding[0]?.code === code)?.count;
  const numbers =
    count('measure-population') !== undefined
      ? [count('measure-population')]
      : [count('denominator'), count('numerator')];
  return [...numbers, round(scored.measureScore?.value)];
}

/** The same numbers as the MeasureReport states them. */
export function reportedNumbers(report: Record<string, unknown>): Numbers {
  const out: Numbers = {};
  for (const group of report.group as (Scored & {
    code: { coding: { code: string }[] };
    stratifier: {
      code: { coding: { code: string }[] }[];
      stratum: (Scored & { value: { coding?: { code: string; display?: string }[]; text?: string } })[];
    }[];
  })[]) {
    const row: Record<string, (number | undefined)[]> = { overall: reportNumbers(group) };
    for (const stratifier of group.stratifier) {
      const by = stratifier.code[0]?.coding[0]?.code;
      for (const stratum of stratifier.stratum) {
        const coding = stratum.value.coding?.[0];
        const key =
          by === 'hospital'
            ? `hospital:${coding?.code}:${coding?.display}`
            : by === 'drug'
              ? `drug:${coding?.code}`
              : `month:${stratum.value.text}`;
        row[key] = reportNumbers(stratum);
      }
    }
    out[String(group.code.coding[0]?.code)] = row;
  }
  return out;
}
