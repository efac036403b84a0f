import {
  ADJUDICATION_REASONS,
  APPLY_SIDES,
  APPLY_TYPES,
  CONTINUATION_STATUSES,
  LINES_OF_THERAPY,
  ORDER_TYPES,
  PRIORITIES,
  SUPPORTING_INFO_CATEGORIES,
  TWPAS_CODE_SYSTEMS,
} from '@openpas/fhir-model';
import { issue, type ValidationIssue } from '@openpas/ig-validation';
import { codings, isObject, type JsonObject, objects } from '@openpas/ig-validation/json';
import type { EntryInfo } from '../context.ts';
import type { Rule } from '../types.ts';

interface Binding {
  /** Code systems the element may be coded from, each with its codes. */
  systems: Readonly<Record<string, readonly string[]>>;
  /** A name for messages. */
  label: { zh: string; en: string };
}

function binding(label: Binding['label'], ...pairs: [string, Readonly<Record<string, unknown>>][]): Binding {
  return { label, systems: Object.fromEntries(pairs.map(([system, codes]) => [system, Object.keys(codes)])) };
}

const S = TWPAS_CODE_SYSTEMS;
const SUB_TYPE = binding({ zh: '申報類別', en: 'apply type' }, [S.applyType, APPLY_TYPES]);
const PRIORITY = binding({ zh: '申請案件類別', en: 'case type' }, [S.tmhbType, PRIORITIES]);
const CATEGORY = binding({ zh: '補充資訊類別', en: 'supporting-info category' }, [
  S.supportingInfoType,
  SUPPORTING_INFO_CATEGORIES,
]);
const ORDER_TYPE = binding({ zh: '醫令類別', en: 'order type' }, [S.orderType, ORDER_TYPES]);
const MODIFIER = binding(
  { zh: '續用註記／用藥線別', en: 'continuation status / line of therapy' },
  [S.continuationStatus, CONTINUATION_STATUSES],
  [S.lineOfTherapy, LINES_OF_THERAPY],
);
const BODY_SITE = binding({ zh: '申請部位', en: 'apply side' }, [S.applySide, APPLY_SIDES]);
const ADJUDICATION_REASON = binding({ zh: '核定註記', en: 'adjudication reason' }, [
  S.approveComment,
  ADJUDICATION_REASONS,
]);

/** Checks one CodeableConcept: some coding from a bound system, and each such coding's code in it. */
function checkConcept(rule: string, concept: unknown, path: string, bound: Binding): ValidationIssue[] {
  if (!isObject(concept)) return [];
  const all = codings(concept);
  const inSystems = all.filter((c) => c.system !== undefined && Object.hasOwn(bound.systems, c.system));
  const systems = Object.keys(bound.systems).join(', ');
  if (inSystems.length === 0) {
    return [
      issue(
        rule,
        'code-invalid',
        `${path}.coding`,
        `${path} 須以 ${systems} 編碼（${bound.label.zh}）`,
        `${path} must be coded from ${systems} (${bound.label.en})`,
      ),
    ];
  }
  return inSystems.flatMap((c) => {
    const allowed = bound.systems[c.system ?? ''] ?? [];
    if (c.code !== undefined && allowed.includes(c.code)) return [];
    return [
      issue(
        rule,
        'code-invalid',
        `${path}.coding[${c.index}].code`,
        `${bound.label.zh}代碼 ${c.code ?? '空白'} 不在 ${c.system} 中（可為 ${allowed.join('、')}）`,
        `${bound.label.en} code ${c.code ?? '(none)'} is not in ${c.system} (allowed: ${allowed.join(', ')})`,
      ),
    ];
  });
}

function claimIssues(rule: string, entry: EntryInfo, claim: JsonObject): ValidationIssue[] {
  const path = entry.path;
  const issues = [
    ...checkConcept(rule, claim.subType, `${path}.subType`, SUB_TYPE),
    ...checkConcept(rule, claim.priority, `${path}.priority`, PRIORITY),
  ];
  for (const { item, index } of objects(claim.supportingInfo)) {
    issues.push(...checkConcept(rule, item.category, `${path}.supportingInfo[${index}].category`, CATEGORY));
  }
  for (const { item, index } of objects(claim.item)) {
    const itemPath = `${path}.item[${index}]`;
    issues.push(...checkConcept(rule, item.productOrService, `${itemPath}.productOrService`, ORDER_TYPE));
    for (const { item: modifier, index: m } of objects(item.modifier)) {
      issues.push(...checkConcept(rule, modifier, `${itemPath}.modifier[${m}]`, MODIFIER));
    }
    issues.push(...checkConcept(rule, item.bodySite, `${itemPath}.bodySite`, BODY_SITE));
  }
  return issues;
}

function claimResponseIssues(rule: string, entry: EntryInfo, response: JsonObject): ValidationIssue[] {
  return objects(response.item).flatMap(({ item, index }) =>
    objects(item.adjudication).flatMap(({ item: adjudication, index: a }) =>
      checkConcept(
        rule,
        adjudication.reason,
        `${entry.path}.item[${index}].adjudication[${a}].reason`,
        ADJUDICATION_REASON,
      ),
    ),
  );
}

export const codeMembership: Rule = {
  id: 'code.membership',
  description:
    'Claim subType, priority, supportingInfo.category, item.productOrService, item.modifier, item.bodySite and the self-assessment adjudication reason use the TWPAS code systems and their codes',
  check({ entries }) {
    return entries.flatMap((entry) => {
      if (!entry.resource) return [];
      if (entry.resourceType === 'Claim') return claimIssues(this.id, entry, entry.resource);
      if (entry.resourceType === 'ClaimResponse') return claimResponseIssues(this.id, entry, entry.resource);
      return [];
    });
  },
};
