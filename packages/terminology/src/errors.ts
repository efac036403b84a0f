/** The OperationOutcome issue codes a terminology request can end in. */
export type TerminologyIssue = 'invalid' | 'required' | 'not-found' | 'not-supported' | 'too-costly';

const STATUS: Record<TerminologyIssue, number> = {
  invalid: 400,
  required: 400,
  'not-found': 404,
  'not-supported': 422,
  'too-costly': 422,
};

/**
 * A terminology request that cannot be answered: the HTTP edge turns it into an OperationOutcome with
 * `status`, the issue code and, when a parameter is at fault, its name as the expression.
 */
export class TerminologyError extends Error {
  readonly issue: TerminologyIssue;
  readonly status: number;
  readonly expression: string | undefined;

  constructor(issue: TerminologyIssue, message: string, expression?: string) {
    super(message);
    this.name = 'TerminologyError';
    this.issue = issue;
    this.status = STATUS[issue];
    this.expression = expression;
  }
}
