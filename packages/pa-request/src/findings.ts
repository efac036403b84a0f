import type { OperationOutcome } from '@openpas/fhir-model/browser';

/** One problem the completeness check found, in both languages, placed on a form field when it can be. */
export interface Finding {
  severity: 'error' | 'warning' | 'information';
  /** The form field (`weightKg`, `items.0.quantity`, `diagnoses.0.summary` …) or `general` */
  field: string;
  en: string;
  zh: string;
  /** The FHIRPath the server named */
  expression: string;
}

const ENTRY = /^Bundle\.entry\[(\d+)\]\.resource(?:\.ofType\(\w+\))?\.?(.*)$/;

/** The form field a Claim element belongs to. */
function claimField(path: string, en: string, zh: string): string {
  const item = /^item\[(\d+)\]\.?(\w*)/.exec(path);
  if (item) {
    const [, index, element] = item;
    if (element === 'quantity') return `items.${index}.quantity`;
    if (element === 'programCode') return `items.${index}.programCode`;
    if (element === 'modifier') return `items.${index}.continuation`;
    return `items.${index}.drugCode`;
  }
  if (/^diagnosis\[0\]\.type/.test(path)) return 'diagnoses.0.summary';
  if (path.startsWith('diagnosis')) return 'diagnoses';
  if (path.startsWith('procedure')) return 'procedures';
  if (path.startsWith('supportingInfo')) {
    const text = `${en} ${zh}`;
    if (/weight|體重/i.test(text)) return 'weightKg';
    if (/height|身高/i.test(text)) return 'heightCm';
    if (/pregnan|懷孕|哺乳/i.test(text)) return 'pregnancy';
    return 'evidence';
  }
  if (path.startsWith('subType')) return 'applyType';
  if (path.startsWith('identifier')) return 'previousAcceptanceNumber';
  if (path.startsWith('priority')) return 'priority';
  if (path.startsWith('created')) return 'created';
  if (path.startsWith('enterer')) return 'practitioner';
  return 'general';
}

/**
 * The findings of `Bundle/$validate`, each on the field it is about: a Claim element by its path, any
 * other entry by the field it was built from (`entryFields` of bundleFromDraft). The server writes one
 * language in `diagnostics` and the other in `details.text`.
 */
export function findingsOf(
  outcome: OperationOutcome,
  entryFields: readonly (string | undefined)[],
  language: 'zh-TW' | 'en',
): Finding[] {
  const findings: Finding[] = [];
  const said = new Set<string>();
  for (const issue of outcome.issue ?? []) {
    if (issue.severity === 'information') continue;
    const expression = issue.expression?.[0] ?? '';
    // Both layers name a missing element; the built-in one, first, says it in plainer words.
    if (expression && said.has(`${issue.severity}|${expression}`)) continue;
    said.add(`${issue.severity}|${expression}`);
    const text = issue.diagnostics ?? '';
    const other = issue.details?.text ?? text;
    const en = language === 'en' ? text : other;
    const zh = language === 'en' ? other : text;
    const match = ENTRY.exec(expression);
    let field = 'general';
    if (match) {
      const index = Number(match[1]);
      const path = match[2] ?? '';
      field = index === 0 ? claimField(path, en, zh) : (entryFields[index] ?? 'general');
    }
    findings.push({
      severity: issue.severity === 'fatal' ? 'error' : issue.severity,
      field,
      en,
      zh,
      expression,
    });
  }
  return findings;
}

/** Whether the check found anything that stops the submission. */
export function blocking(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.severity === 'error');
}
