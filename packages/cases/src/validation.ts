import { type Bundle, checkBundleLimits } from '@openpas/fhir-model';
import { type Caller, permit } from '@openpas/fhir-store';
import {
  hasErrors,
  type ImplementationGuide,
  type ValidationIssue,
  validateRequestBundle,
  validateWithGuide,
} from '@openpas/twpas-validation';
import { precheck } from '@openpas/workflow';

export interface ValidationSettings {
  /** The implementation guide's layer, when one is loaded */
  guide?: ImplementationGuide | undefined;
  /** Most entries a submitted Bundle may hold */
  maxEntries: number;
}

/** Both validation layers: the built-in TWPAS rules, then the implementation guide when one is loaded. */
export function validationIssues(bundle: unknown, settings: ValidationSettings): ValidationIssue[] {
  const issues = validateRequestBundle(bundle);
  return settings.guide ? [...issues, ...validateWithGuide(bundle, settings.guide)] : issues;
}

/**
 * The dry run hospitals use before submitting (Bundle/$validate): the same limits and validation, then
 * the intake pre-check (智能預檢) as warnings; nothing stored. It answers to the scope of a submission.
 */
export function validateCase(
  settings: ValidationSettings,
  caller: Caller,
  bundle: Bundle,
  now = new Date(),
): ValidationIssue[] {
  permit(caller, { resourceType: 'Bundle', interaction: 'create' });
  checkBundleLimits(bundle, { maxEntries: settings.maxEntries });
  const issues = validationIssues(bundle, settings);
  if (hasErrors(issues)) return issues;
  return [
    ...issues,
    ...precheck(bundle, { now }).map((reason) => ({
      rule: `precheck.${reason.code}`,
      severity: 'warning' as const,
      code: 'incomplete' as const,
      expression: reason.expression,
      message: { 'zh-TW': reason.zh, en: reason.en },
    })),
  ];
}
