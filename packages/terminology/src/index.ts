/**
 * @openpas/terminology — the terminology services over the CodeSystems and ValueSets of the loaded
 * implementation guides, in memory: read and search, ValueSet/$expand (filter on codes, displays and
 * designations in any letter case, Traditional Chinese included; count, offset, total), CodeSystem/$lookup
 * and $validate-code. Value sets are composed from whole code systems, concept lists, filters (is-a and
 * the other R4 operators), other value sets and excludes. No workspace dependency.
 */
export { TerminologyError, type TerminologyIssue } from './errors.ts';
export { MAX_EXPANSION_CODES } from './expand.ts';
export { OperationInput } from './operation-input.ts';
export { createTerminology, type Terminology, type TerminologyType } from './terminology.ts';
export type { AnyResource, CodeSystemResource, Parameters, ValueSetResource } from './types.ts';
