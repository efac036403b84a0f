import type {
  ApplyTypeCode,
  Claim,
  ContinuationStatusCode,
  LineOfTherapyCode,
} from '@openpas/fhir-model/browser';
import { TWPAS_CODE_SYSTEMS } from '@openpas/fhir-model/browser';
import type { RequestDraft } from './draft.ts';

/**
 * A follow-up of an earlier case — 送核補件 (2), 申復 (3), 爭議審議 (4), 申復補件 (5) — prefilled: the
 * chart's draft with the earlier acceptance number, and each item's indication, quantity and modifiers as
 * the earlier Claim asked for them.
 */
export function followUpDraft(
  draft: RequestDraft,
  earlier: Claim,
  applyType: Exclude<ApplyTypeCode, '1'>,
): RequestDraft {
  const acceptanceNumber = earlier.identifier?.find((i) => i.use === 'official')?.value ?? '';
  const items = draft.items.map((item, i) => {
    const before = earlier.item?.[i];
    if (!before) return item;
    const modifier = (system: string) =>
      before.modifier?.find((m) => m.coding?.[0]?.system === system)?.coding?.[0]?.code;
    const program = before.programCode?.[0];
    return {
      ...item,
      programCode: program?.coding?.[0]?.code ?? item.programCode,
      programText: program?.text ?? item.programText,
      continuation:
        (modifier(TWPAS_CODE_SYSTEMS.continuationStatus) as ContinuationStatusCode) ?? item.continuation,
      lineOfTherapy: (modifier(TWPAS_CODE_SYSTEMS.lineOfTherapy) as LineOfTherapyCode) ?? item.lineOfTherapy,
      quantity: before.quantity?.value !== undefined ? String(before.quantity.value) : item.quantity,
      quantityUnit: before.quantity?.code ?? before.quantity?.unit ?? item.quantityUnit,
    };
  });
  return { ...draft, applyType, previousAcceptanceNumber: acceptanceNumber, items };
}
