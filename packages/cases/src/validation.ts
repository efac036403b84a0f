import { type Bundle, checkBundleLimits } from '@openpas/fhir-model';
import { type Caller, permit } from '@openpas/fhir-store';
import {
  type GuideValidator,
  hasErrors,
  type ValidationIssue,
  validateRequestBundle,
} from '@openpas/twpas-validation';
import { precheck } from '@openpas/workflow';

export interface ValidationSettings {
  /** The implementation guide's layer (a pool of worker threads in the FHIR API), unless it is off */
  guide?: GuideValidator | undefined;
  /** Most entries a submitted Bundle may hold */
  maxEntries: number;
}

/**
 * Both validation layers: the built-in TWPAS rules and the implementation guide's, when it is on. The
 * guide's runs in its worker threads while the built-in rules run here; the built-in issues come first.
 */
export async function validationIssues(
  bundle: unknown,
  settings: ValidationSettings,
): Promise<ValidationIssue[]> {
  const guided = settings.guide?.validateBundle(bundle);
  // Settled before the built-in rules run, so a failure of the guide's thread is never left unhandled.
  guided?.catch(() => {});
  const issues = validateRequestBundle(bundle);
  return guided ? [...issues, ...(await guided)] : issues;
}

/**
 * The dry run hospitals use before submitting (Bundle/$validate): the same limits and validation, then
 * the intake pre-check (智能預檢) as warnings; nothing stored. It answers to the scope of a submission.
 */
export async function validateCase(
  settings: ValidationSettings,
  caller: Caller,
  bundle: Bundle,
  now = new Date(),
): Promise<ValidationIssue[]> {
  permit(caller, { resourceType: 'Bundle', interaction: 'create' });
  checkBundleLimits(bundle, { maxEntries: settings.maxEntries });
  const issues = await validationIssues(bundle, settings);
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
