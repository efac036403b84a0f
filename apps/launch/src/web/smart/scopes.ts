/**
 * What the app asks for, by how it is launched and by whom. `online_access`: the refresh token lives only
 * while the person is signed in at the authorization server, not for weeks in a browser tab.
 */
export const SCOPES = {
  /** From the EHR: the clinician, the patient the EHR has open, the hospital's records, submissions */
  ehr: 'launch openid fhirUser online_access user/*.rs user/Bundle.c',
  /** On its own, by hospital staff: they choose the patient */
  clinician: 'launch/patient openid fhirUser online_access user/*.rs user/Bundle.c',
  /** On its own, by a patient: their own record and requests only */
  patient: 'launch/patient openid fhirUser online_access patient/*.rs',
} as const;

export type LaunchKind = keyof typeof SCOPES;
