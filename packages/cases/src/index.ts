/**
 * @openpas/cases — the prior-authorization use cases over the workflow (packages/workflow, pure) and the
 * store: submitting a case or an amendment/appeal, the dry run, the payer's decision. Each checks who may
 * do it and returns a typed CaseError; the HTTP layer maps those to statuses once.
 */
export { type DecisionDeps, type DecisionRequest, decideCase, updateCaseResponse } from './decide-case.ts';
export {
  type DecisionMetrics,
  type DrugMetrics,
  decisionMetrics,
  type HospitalMetrics,
  type MetricsCounts,
  type MetricsQuery,
  type MonthMetrics,
} from './decision-metrics.ts';
export { decisionsFromParameters } from './decision-parameters.ts';
export { CaseError, type CaseErrorCode } from './errors.ts';
export { fhirPeriod, type MetricsPeriod, metricsPeriod, taipeiMonth } from './metrics-period.ts';
export {
  METRIC_GROUPS,
  METRICS_CODE_SYSTEM,
  METRICS_MEASURE,
  metricsMeasureReport,
} from './metrics-report.ts';
export { type Submission, type SubmissionDeps, submitCase } from './submit-case.ts';
export {
  R4_UNKNOWN_ELEMENT_RULE,
  type ValidationSettings,
  validateCase,
  validateResource,
  validationIssues,
} from './validation.ts';
