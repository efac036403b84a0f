import type { AppRouter, inferRouterOutputs } from '@openpas/api';

/** One case as the workbench's `review.case` answers it. */
export type ReviewCaseAnswer = inferRouterOutputs<AppRouter>['review']['case'];
export type CaseViewAnswer = ReviewCaseAnswer['view'];
export type DossierAnswer = NonNullable<ReviewCaseAnswer['dossier']>;
