import type { Parameters, ParametersParameter } from '@openpas/fhir-model';
import type { DetailReason, ItemDecision, ItemReason } from '@openpas/workflow';
import { CaseError } from './errors.ts';

// The body of $decide: Parameters with one `item` per Claim item, parts `sequence` (integer), `reason`
// (code 1–5), `comment` (string), `approvedQuantity` (decimal, for 1 and 3) and `detail` (parts sequence,
// reason 0–7, comment). Whether the decisions make sense is the workflow's to judge (decide).

function part(parameter: ParametersParameter, name: string): ParametersParameter | undefined {
  return parameter.part?.find((candidate) => candidate.name === name);
}

export function decisionsFromParameters(parameters: Parameters): ItemDecision[] {
  const items = (parameters.parameter ?? []).filter((parameter) => parameter.name === 'item');
  if (items.length === 0)
    throw new CaseError('malformed', 'the decision needs at least one "item" parameter', {
      expression: 'Parameters.parameter',
    });
  return items.map((item, index) => {
    const sequence = part(item, 'sequence')?.valueInteger;
    const reason = part(item, 'reason')?.valueCode;
    if (sequence === undefined || reason === undefined)
      throw new CaseError('malformed', 'each item needs "sequence" (valueInteger) and "reason" (valueCode)', {
        expression: `Parameters.parameter[${index}]`,
      });
    const comment = part(item, 'comment')?.valueString;
    const quantity = part(item, 'approvedQuantity')?.valueDecimal;
    const details = (item.part ?? [])
      .filter((candidate) => candidate.name === 'detail')
      .map((detail) => {
        const detailComment = part(detail, 'comment')?.valueString;
        return {
          sequence: part(detail, 'sequence')?.valueInteger ?? 0,
          reason: Number(part(detail, 'reason')?.valueCode) as DetailReason,
          ...(detailComment ? { comment: detailComment } : {}),
        };
      });
    return {
      sequence,
      reason: Number(reason) as ItemReason,
      ...(comment ? { comment } : {}),
      ...(quantity !== undefined ? { approvedQuantity: quantity } : {}),
      ...(details.length ? { details } : {}),
    };
  });
}
