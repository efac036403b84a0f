import type { DecisionDeps, SubmissionDeps } from '@openpas/cases';
import type { ResourceStore } from '@openpas/fhir-store';
import type { Terminology } from '@openpas/terminology';
import type { FhirEnv } from '../env.ts';
import type { GuideLayer } from '../guide.ts';

/** What the route handlers are given: settings, the guarded store and the case services' dependencies. */
export interface ApiContext {
  env: FhirEnv;
  store: ResourceStore;
  /** The implementation guides loaded: their resources, and the guide layer's worker threads */
  guide: GuideLayer;
  /** CodeSystem and ValueSet of the loaded guides: read, search, $expand, $lookup, $validate-code */
  terminology: Terminology;
  /** Submission and $validate (validation settings included) */
  submissions: SubmissionDeps;
  decisions: DecisionDeps;
}
