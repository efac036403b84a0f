import type { SqlRunner } from '@openpas/db';
import type { Bundle, FhirResource } from '@openpas/fhir-model';
import { forbidden } from '../repository/errors.ts';

// The workflow's resources change only through the workflow (submission, resubmission, the pre-check and
// the reviewer's decision): a case's ClaimResponse, and a submitted case's Claim and Bundle. The generic
// REST create and update refuse them here, whatever the caller's scopes say.

/** The identifier system of the receipt (acceptance number) a stored submission Bundle carries. */
export const SUBMISSION_RECEIPT_SYSTEM = 'https://openpas.dev/fhir/sid/receipt';

export function refuseWorkflowCreate(resource: FhirResource): void {
  if (resource.resourceType === 'ClaimResponse')
    throw forbidden(
      "a case's ClaimResponse is opened by the case's submission (POST Bundle) and changed only by the workflow: the payer's $decide, or an update by the payer that is a legal workflow transition",
    );
}

/** Refuses a generic update of `current` when the workflow owns it. */
export async function refuseWorkflowUpdate(db: SqlRunner, current: FhirResource): Promise<void> {
  switch (current.resourceType) {
    case 'ClaimResponse':
      throw forbidden(
        "a ClaimResponse changes only through the workflow: the payer's $decide, or an update by the payer that is a legal workflow transition",
      );
    case 'Bundle':
      if ((current as Bundle).identifier?.system === SUBMISSION_RECEIPT_SYSTEM)
        throw forbidden(
          'this Bundle is a submitted case: it is kept as submitted; amend or appeal it with a new submission (POST Bundle, Claim.subType 2–5)',
        );
      return;
    case 'Claim': {
      const rows = await db.query(
        `SELECT 1 FROM search_reference WHERE resource_type = 'ClaimResponse' AND param = 'request'
           AND target_type = 'Claim' AND target_id = $1 LIMIT 1`,
        [current.id],
      );
      if (rows.length > 0)
        throw forbidden(
          'this Claim belongs to a submitted case: it changes only through a resubmission (POST Bundle, Claim.subType 2–5, citing its acceptance number)',
        );
      return;
    }
    default:
      return;
  }
}
