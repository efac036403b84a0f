// Shared vocabulary of the FHIR search machinery: what a search parameter is, the index rows a stored
// resource yields, and a parsed search request. Extraction (extract.ts), parsing (parse.ts) and the SQL
// builder (sql.ts) all speak these types.

import type { SubsetOptions } from '@openpas/fhir-model';

export type SearchParamType = 'token' | 'string' | 'date' | 'reference' | 'number' | 'quantity' | 'uri';

export interface SearchParameterDef {
  /** The name used in URLs, e.g. `identifier`, `request`, `disposition` */
  code: string;
  /** The resource type it applies to */
  resourceType: string;
  type: SearchParamType;
  /** FHIRPath expression selecting the indexed values (R4 style, evaluated with the `fhirpath` package) */
  expression: string;
  /** Resource types a reference parameter may point to */
  targets?: readonly string[];
  /** Where the definition comes from: the R4 core specification, the TWPAS guide or OpenPAS's own */
  source: 'r4' | 'twpas' | 'openpas';
}

/** Index rows written beside a resource version, in the same transaction (tables search_*). */
export interface IndexRows {
  tokens: { param: string; system: string | null; code: string | null; text: string | null }[];
  strings: { param: string; value: string }[];
  dates: { param: string; start: Date; end: Date }[];
  references: { param: string; targetType: string; targetId: string }[];
  numbers: { param: string; value: string; system: string | null; code: string | null }[];
}

export type DatePrefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb' | 'ap';

/** One value of a search parameter (values separated by commas are OR-ed). */
export interface SearchValue {
  /** For date, number and quantity parameters */
  prefix?: DatePrefix;
  /** The raw value after the prefix, unescaped (`\,` `\|` `\$` `\\`) */
  value: string;
  /** For token parameters: `system|code`, `|code`, `system|`, `code` */
  system?: string | null;
  code?: string;
}

/** One `name[:modifier][.chain…]=v1,v2` of the query string (repeated names are AND-ed). */
export interface SearchClause {
  /** The parameter as defined for the searched type */
  param: SearchParameterDef;
  modifier?: string;
  /** Chained parameters, e.g. `request.patient.identifier` → [patient on Claim, identifier on Patient] */
  chain?: readonly SearchParameterDef[];
  values: readonly SearchValue[];
}

export interface IncludeDirective {
  /** `ClaimResponse:request` → source ClaimResponse, param `request` */
  sourceType: string;
  param: SearchParameterDef;
  targetType?: string;
  reverse: boolean;
}

export interface SortKey {
  param: SearchParameterDef | '_id' | '_lastUpdated';
  descending: boolean;
}

export interface SearchRequest {
  resourceType: string;
  /** `_id` values, OR-ed */
  ids?: readonly string[];
  /** `_lastUpdated` comparisons, AND-ed */
  lastUpdated?: readonly SearchValue[];
  clauses: readonly SearchClause[];
  include: readonly IncludeDirective[];
  sort: readonly SortKey[];
  /** Page size, already capped */
  count: number;
  /** Opaque paging cursor from a previous page's `next` link */
  cursor?: string;
  total: 'none' | 'accurate';
  /** `_summary=true|text|data` and `_elements`: how each match is subsetted (included resources are not) */
  subset?: SubsetOptions;
}

/** A problem with a search, carrying the FHIRPath-ish location for OperationOutcome.issue.expression. */
export class SearchError extends Error {
  readonly status: 400 | 422;
  readonly expression: string;

  constructor(message: string, expression: string, status: 400 | 422 = 400) {
    super(message);
    this.name = 'SearchError';
    this.expression = expression;
    this.status = status;
  }
}
