/** Short machine codes for why a scope string was refused. */
export type ScopeErrorReason =
  | 'empty'
  | 'whitespace'
  | 'character'
  | 'context'
  | 'missing-context'
  | 'resource-type'
  | 'resource-type-missing'
  | 'permission-missing'
  | 'permission-empty'
  | 'permission-unknown'
  | 'permission-duplicate'
  | 'permission-order'
  | 'v1-params'
  | 'params-empty'
  | 'param-syntax'
  | 'param-name-empty'
  | 'param-value-empty'
  | 'param-encoding'
  | 'launch-context';

export class ScopeError extends Error {
  /** The scope text as received. */
  readonly scope: string;
  readonly reason: ScopeErrorReason;

  constructor(scope: string, reason: ScopeErrorReason, detail: string) {
    // JSON quoting keeps control characters out of logs.
    super(`Invalid scope ${JSON.stringify(scope)}: ${detail}`);
    this.name = 'ScopeError';
    this.scope = scope;
    this.reason = reason;
  }
}
