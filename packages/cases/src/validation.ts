import { type Bundle, checkBundleLimits, FhirRequestError, unknownElements } from '@openpas/fhir-model';
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
  /** The resource type each StructureDefinition of the loaded guides constrains, by canonical URL */
  profiles?: ReadonlyMap<string, string>;
}

/** The rule id of an element FHIR R4 does not define (the built-in layer for resources other than Bundles). */
export const R4_UNKNOWN_ELEMENT_RULE = 'r4.unknown-element';

/** A `profile` to validate against must be one of the loaded guides' StructureDefinitions, of the type. */
function checkProfile(settings: ValidationSettings, resourceType: string, profile: string): void {
  const constrains = settings.profiles?.get(profile);
  const refuse = (diagnostics: string) =>
    new FhirRequestError(400, [{ code: 'not-supported', diagnostics, expression: 'profile' }]);
  if (!constrains) throw refuse(`profile ${profile} is not a StructureDefinition of the loaded guides`);
  if (constrains !== resourceType)
    throw refuse(`profile ${profile} constrains ${constrains}, not ${resourceType}`);
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
 * `[type]/$validate` for any resource but a Bundle (whose dry run is validateCase): the elements FHIR R4
 * defines (built-in), then the guide's layer against `profile` or the guide's profiles the resource's
 * meta.profile names (base R4 when it names none). Nothing is stored; it answers to the scope of
 * creating (or, with an id, updating) that type.
 */
export async function validateResource(
  settings: ValidationSettings,
  caller: Caller,
  request: { resourceType: string; resource: unknown; profile?: string | undefined; id?: string | undefined },
): Promise<ValidationIssue[]> {
  const { resourceType, resource, profile, id } = request;
  permit(caller, { resourceType, interaction: id ? 'update' : 'create' });
  if (profile) checkProfile(settings, resourceType, profile);
  const guided = settings.guide?.validateResource(resource, profile);
  guided?.catch(() => {});
  const builtIn = unknownElements(resource).map(
    ({ expression, message }): ValidationIssue => ({
      rule: R4_UNKNOWN_ELEMENT_RULE,
      severity: 'error',
      code: 'structure',
      expression,
      message: { 'zh-TW': `FHIR R4 未定義此元素：${message}`, en: message },
    }),
  );
  return guided ? [...builtIn, ...(await guided)] : builtIn;
}

/**
 * The dry run hospitals use before submitting (Bundle/$validate): the same limits and validation, then
 * the intake pre-check (智能預檢) as warnings; nothing stored. It answers to the scope of a submission.
 */
export async function validateCase(
  settings: ValidationSettings,
  caller: Caller,
  bundle: Bundle,
  options: { now?: Date; profile?: string | undefined } = {},
): Promise<ValidationIssue[]> {
  const now = options.now ?? new Date();
  permit(caller, { resourceType: 'Bundle', interaction: 'create' });
  checkBundleLimits(bundle, { maxEntries: settings.maxEntries });
  // A profile asked for is checked as if the Bundle claimed it (its meta.profile), on a copy.
  if (options.profile) checkProfile(settings, 'Bundle', options.profile);
  const checked: Bundle = options.profile
    ? { ...bundle, meta: { ...bundle.meta, profile: [options.profile] } }
    : bundle;
  const issues = await validationIssues(checked, settings);
  if (hasErrors(issues)) return issues;
  return [
    ...issues,
    ...precheck(checked, { now }).map((reason) => ({
      rule: `precheck.${reason.code}`,
      severity: 'warning' as const,
      code: 'incomplete' as const,
      expression: reason.expression,
      message: { 'zh-TW': reason.zh, en: reason.en },
    })),
  ];
}
