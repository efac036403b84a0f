/**
 * @openpas/pa-request — the hospital app's prior-authorization request, browser-safe: read the patient's
 * chart over FHIR, prefill a draft from it, build the TWPAS request Bundle from the draft, and place the
 * completeness check's findings on the draft's fields.
 */
export { type BuildOptions, type BuiltRequest, bundleFromDraft } from './bundle.ts';
export { type CaseView, caseViewOf, type ItemDecision, type TimelineEntry, timelineOf } from './case-view.ts';
export { type Chart, type FhirReader, keyOf, readChart, referencesIn } from './chart.ts';
export {
  type Dossier,
  type DossierDiagnosis,
  type DossierFile,
  type DossierItem,
  type DossierRecord,
  type DossierSection,
  dossierOf,
  maskIdentifier,
} from './dossier.ts';
export {
  type AttachmentDraft,
  type DiagnosisDraft,
  draftFromChart,
  emptyItem,
  type ItemDraft,
  ordersOf,
  type RequestDraft,
} from './draft.ts';
export { type EvidenceItem, evidenceCategory, evidenceOf } from './evidence.ts';
export { ATTACHMENT_LIMITS, type FileProblem, fileProblem, guideFileName } from './files.ts';
export { blocking, type Finding, findingsOf } from './findings.ts';
export { followUpDraft } from './follow-up.ts';
