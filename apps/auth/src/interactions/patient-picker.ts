import type { PatientDirectory } from '@openpas/fhir-store';
import { visibilityFilter } from '@openpas/scopes';
import { type Locale, messages } from '../pages/i18n.ts';
import { type Html, html, page } from '../pages/layout.ts';

// Standalone launch with launch/patient: the patient comes from who the user is. A patient user gets
// their own record; staff choose among the patients their organisation holds (the same rule as the FHIR
// API's user/ scopes, from @openpas/scopes).

export interface PatientChoice {
  id: string;
  name: string;
}

export interface LaunchingUser {
  id: string;
  fhirUser: string | null;
  organizationId: string | null;
}

/** The Patient id of a patient user (fhirUser `Patient/<id>`), if the user is one. */
export function ownPatientId(user: LaunchingUser): string | undefined {
  return user.fhirUser?.startsWith('Patient/') ? user.fhirUser.slice('Patient/'.length) : undefined;
}

export function patientName(content: unknown, fallback: string): string {
  const names = (content as { name?: { text?: string; family?: string; given?: string[] }[] } | null)?.name;
  const first = names?.[0];
  if (!first) return fallback;
  if (first.text) return first.text;
  return [first.family, ...(first.given ?? [])].filter(Boolean).join(' ') || fallback;
}

/** The patients this user may open an app for, by name. */
export async function patientsVisibleTo(
  patients: PatientDirectory,
  user: LaunchingUser,
): Promise<PatientChoice[]> {
  const filter = visibilityFilter({
    context: 'user',
    userPatientId: ownPatientId(user),
    userOrganizationId: user.organizationId ?? undefined,
  });
  const found = await patients.visible(filter);
  return found.map((patient) => ({ id: String(patient.id), name: patientName(patient, String(patient.id)) }));
}

export function pickerPage(input: {
  locale: Locale;
  appName: string;
  action: string;
  formToken: string;
  patients: PatientChoice[];
}): string {
  const t = messages(input.locale);
  const items: Html[] = input.patients.map(
    (patient, index) =>
      html`<li><button type="submit" name="patient" value="${patient.id}"${index === 0 ? html` autofocus` : ''}>${patient.name}</button> <span class="muted">${patient.id}</span></li>`,
  );
  return page(
    input.locale,
    t.pickerTitle,
    html`<h1>${t.pickerHeading}</h1><p>${t.pickerHint(input.appName)}</p>
<form method="post" action="${input.action}"><input type="hidden" name="form_token" value="${input.formToken}">
<ul class="plain" aria-label="${t.pickerTitle}">${items}</ul></form>`,
  );
}
