/**
 * 智能預檢: the automatic completeness pre-check on intake. It asks "can a reviewer decide this case
 * with what was sent?", not "is this valid TWPAS?" — profile and schema validation is another
 * package's job and runs before this. The rules (each reason has a stable `code`):
 *
 * - weight-missing / height-missing: Claim.supportingInfo has no weight (kg) or height (cm) value > 0.
 * - supporting-info-unresolved: a supportingInfo carries no value, or its valueReference names no
 *   entry of the Bundle.
 * - evidence-missing: priority 1 or 3 needs an imagingReport, examinationReport or geneInfo — except a
 *   repeat use for prostate cancer (C61) and C90–C92, which have their own rules below.
 * - prostate-repeat-tests-missing: C61 repeat use (continuation 2) needs `tests`.
 * - blood-cancer-evidence-missing: C90–C92 needs `tests` or a report.
 * - cancer-stage-missing: a first use (continuation 1) for a malignant main diagnosis (C00–C96) needs a
 *   cancerStage.
 * - attachment-not-pdf: every DocumentReference attachment is `file://<name>.pdf` (and, when given,
 *   contentType application/pdf).
 * - lab-result-too-old: a `tests` Observation taken more than `maxLabAgeDays` (default 180) before the
 *   application date Claim.created. 180 days because the guide's own examples carry labs 150 days old.
 * - application-date-in-future: Claim.created is after today (Taiwan date of `now`).
 */
import type {
  Bundle,
  Claim,
  ClaimSupportingInfo,
  FhirResource,
  Observation,
  SupportingInfoCategory,
} from '@openpas/fhir-model/browser';
import { type BundleIndex, claimEntry, indexBundle } from './bundle-index.ts';
import { daysBetween, taipeiDate } from './time.ts';

export type PrecheckCode =
  | 'weight-missing'
  | 'height-missing'
  | 'supporting-info-unresolved'
  | 'evidence-missing'
  | 'prostate-repeat-tests-missing'
  | 'blood-cancer-evidence-missing'
  | 'cancer-stage-missing'
  | 'attachment-not-pdf'
  | 'lab-result-too-old'
  | 'application-date-in-future';

export interface PrecheckReason {
  readonly code: PrecheckCode;
  readonly zh: string;
  readonly en: string;
  /** FHIRPath of what the reason is about. */
  readonly expression: string;
}

export interface PrecheckOptions {
  readonly now: Date;
  readonly maxLabAgeDays?: number;
}

export const DEFAULT_MAX_LAB_AGE_DAYS = 180;

const REPORT_CATEGORIES: readonly SupportingInfoCategory[] = [
  'imagingReport',
  'examinationReport',
  'geneInfo',
];
const BLOOD_CANCERS = /^C9[0-2]/;
const MALIGNANT = /^C(\d{2})/;

interface Context {
  readonly claim: Claim;
  readonly index: BundleIndex;
  readonly options: PrecheckOptions;
}

function categoryOf(info: ClaimSupportingInfo): string | undefined {
  return info.category.coding?.[0]?.code;
}

function infosOf(claim: Claim, category: SupportingInfoCategory): ClaimSupportingInfo[] {
  return (claim.supportingInfo ?? []).filter((info) => categoryOf(info) === category);
}

function has(claim: Claim, category: SupportingInfoCategory): boolean {
  return infosOf(claim, category).length > 0;
}

function mainDiagnosis(claim: Claim): string {
  const main = claim.diagnosis?.find((d) => d.sequence === 1) ?? claim.diagnosis?.[0];
  return main?.diagnosisCodeableConcept?.coding?.[0]?.code ?? '';
}

function continuations(claim: Claim): string[] {
  return (claim.item ?? []).flatMap((item) =>
    (item.modifier ?? [])
      .flatMap((m) => m.coding ?? [])
      .filter((c) => c.system?.endsWith('/nhi-continuation-status'))
      .map((c) => c.code ?? ''),
  );
}

function bodyMeasure(ctx: Context, category: 'weight' | 'height', unit: string): PrecheckReason[] {
  const ok = infosOf(ctx.claim, category).some(
    (info) => (info.valueQuantity?.value ?? 0) > 0 && info.valueQuantity?.code === unit,
  );
  if (ok) return [];
  return category === 'weight'
    ? [
        {
          code: 'weight-missing',
          zh: '未填病人體重（公斤）',
          en: 'the patient’s body weight (kg) is missing',
          expression: 'Claim.supportingInfo',
        },
      ]
    : [
        {
          code: 'height-missing',
          zh: '未填病人身高（公分）',
          en: 'the patient’s body height (cm) is missing',
          expression: 'Claim.supportingInfo',
        },
      ];
}

function hasValue(info: ClaimSupportingInfo): boolean {
  return (
    info.valueBoolean !== undefined ||
    info.valueString !== undefined ||
    info.valueQuantity !== undefined ||
    info.valueAttachment !== undefined ||
    info.valueReference !== undefined
  );
}

function unresolvedSupportingInfo(ctx: Context): PrecheckReason[] {
  return (ctx.claim.supportingInfo ?? []).flatMap((info, i) => {
    const reference = info.valueReference?.reference;
    if (hasValue(info) && (info.valueReference === undefined || ctx.index.resolve(reference))) return [];
    const what = categoryOf(info) ?? '?';
    return [
      {
        code: 'supporting-info-unresolved' as const,
        zh: `補充資訊第 ${info.sequence} 項（${what}）未指向申請檔中的任何資料${reference ? `：${reference}` : ''}`,
        en: `supporting information ${info.sequence} (${what}) refers to nothing in the Bundle${reference ? `: ${reference}` : ''}`,
        expression: `Claim.supportingInfo[${i}]`,
      },
    ];
  });
}

function evidence(ctx: Context): PrecheckReason[] {
  const { claim } = ctx;
  const priority = claim.priority?.coding?.[0]?.code;
  if (priority !== '1' && priority !== '3') return [];
  const main = mainDiagnosis(claim);
  const report = REPORT_CATEGORIES.some((c) => has(claim, c));
  const tests = has(claim, 'tests');
  if (main.startsWith('C61') && continuations(claim).includes('2')) {
    return tests
      ? []
      : [
          {
            code: 'prostate-repeat-tests-missing',
            zh: '攝護腺癌（C61）申請再次使用須附檢驗（查）結果',
            en: 'a repeat use for prostate cancer (C61) needs test results',
            expression: 'Claim.supportingInfo',
          },
        ];
  }
  if (BLOOD_CANCERS.test(main)) {
    return tests || report
      ? []
      : [
          {
            code: 'blood-cancer-evidence-missing',
            zh: `${main} 須附檢驗（查）結果或影像、檢查、基因報告`,
            en: `${main} needs test results or an imaging, examination or gene report`,
            expression: 'Claim.supportingInfo',
          },
        ];
  }
  return report
    ? []
    : [
        {
          code: 'evidence-missing',
          zh: '一般或自主審查申請須附影像報告、檢查報告或基因資訊至少一項',
          en: 'a general or self-review application needs an imaging report, an examination report or gene information',
          expression: 'Claim.supportingInfo',
        },
      ];
}

function cancerStage(ctx: Context): PrecheckReason[] {
  const main = mainDiagnosis(ctx.claim);
  const malignant = Number(MALIGNANT.exec(main)?.[1] ?? '99') <= 96;
  if (!malignant || !continuations(ctx.claim).includes('1') || has(ctx.claim, 'cancerStage')) return [];
  return [
    {
      code: 'cancer-stage-missing',
      zh: `初次使用（主診斷 ${main}）須附癌症分期`,
      en: `a first use (main diagnosis ${main}) needs the cancer stage`,
      expression: 'Claim.supportingInfo',
    },
  ];
}

function attachments(ctx: Context): PrecheckReason[] {
  return (ctx.index.bundle.entry ?? []).flatMap((entry, e) => {
    const resource = entry.resource;
    if (resource?.resourceType !== 'DocumentReference') return [];
    return resource.content.flatMap((content, c) => {
      const url = content.attachment.url ?? '';
      const type = content.attachment.contentType;
      const pdf = /^file:\/\/[^/]+\.pdf$/i.test(url) && (type === undefined || type === 'application/pdf');
      if (pdf) return [];
      return [
        {
          code: 'attachment-not-pdf' as const,
          zh: `附件「${url}」不是 PDF 檔（應為 file://檔名.pdf）`,
          en: `attachment "${url}" is not a PDF file (expected file://<name>.pdf)`,
          expression: `Bundle.entry[${e}].resource.content[${c}].attachment`,
        },
      ];
    });
  });
}

function observationDate(resource: FhirResource | undefined): string | undefined {
  if (resource?.resourceType !== 'Observation') return undefined;
  const observation: Observation = resource;
  return observation.effectiveDateTime ?? observation.effectivePeriod?.end ?? observation.issued;
}

function labAge(ctx: Context): PrecheckReason[] {
  const maxDays = ctx.options.maxLabAgeDays ?? DEFAULT_MAX_LAB_AGE_DAYS;
  const created = ctx.claim.created;
  return (ctx.claim.supportingInfo ?? []).flatMap((info, i) => {
    if (categoryOf(info) !== 'tests') return [];
    const taken = observationDate(ctx.index.resolve(info.valueReference?.reference));
    if (!taken || !created) return [];
    const age = daysBetween(taken, created);
    if (age <= maxDays) return [];
    return [
      {
        code: 'lab-result-too-old' as const,
        zh: `檢驗結果（${taken.slice(0, 10)}）距申請日 ${created.slice(0, 10)} 已 ${age} 天，超過 ${maxDays} 天`,
        en: `the test result of ${taken.slice(0, 10)} is ${age} days older than the application date ${created.slice(0, 10)} (limit ${maxDays})`,
        expression: `Claim.supportingInfo[${i}]`,
      },
    ];
  });
}

function applicationDate(ctx: Context): PrecheckReason[] {
  const created = ctx.claim.created?.slice(0, 10);
  const today = taipeiDate(ctx.options.now);
  if (!created || created <= today) return [];
  return [
    {
      code: 'application-date-in-future',
      zh: `申請日期 ${created} 晚於今天 ${today}`,
      en: `the application date ${created} is after today (${today})`,
      expression: 'Claim.created',
    },
  ];
}

const RULES: readonly ((ctx: Context) => PrecheckReason[])[] = [
  (ctx) => bodyMeasure(ctx, 'weight', 'kg'),
  (ctx) => bodyMeasure(ctx, 'height', 'cm'),
  unresolvedSupportingInfo,
  evidence,
  cancerStage,
  attachments,
  labAge,
  applicationDate,
];

/** Why the case is incomplete; empty when it is complete. */
export function precheck(bundle: Bundle, options: PrecheckOptions): PrecheckReason[] {
  const ctx: Context = { claim: claimEntry(bundle).resource, index: indexBundle(bundle), options };
  return RULES.flatMap((rule) => rule(ctx));
}
