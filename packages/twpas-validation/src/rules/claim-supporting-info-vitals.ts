import { CODE_SYSTEMS, TWPAS_CODE_SYSTEMS } from '@openpas/fhir-model';
import { issue, type ValidationIssue } from '@openpas/ig-validation';
import { codeIn, isObject, type JsonObject, num, objects } from '@openpas/ig-validation/json';
import { claimOf } from '../claim.ts';
import type { Rule } from '../types.ts';

const VITALS = [
  { category: 'weight', unit: 'kg', zh: '體重' },
  { category: 'height', unit: 'cm', zh: '身高' },
] as const;

/** At most three integer and two decimal digits (invariant HTWT). */
function validMeasure(value: number): boolean {
  return value >= 0 && value < 1000 && Math.round(value * 100) / 100 === value;
}

function checkQuantity(rule: string, quantity: JsonObject, path: string, unit: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const value = num(quantity.value);
  if (value !== undefined && !validMeasure(value)) {
    issues.push(
      issue(
        rule,
        'invalid',
        `${path}.value`,
        `${path}.value ${value} 須為整數至多 3 位、小數至多 2 位`,
        `${path}.value ${value} must have at most 3 integer and 2 decimal digits`,
      ),
    );
  }
  if (quantity.system !== CODE_SYSTEMS.ucum || quantity.code !== unit) {
    issues.push(
      issue(
        rule,
        'invalid',
        `${path}.code`,
        `${path} 單位須為 UCUM ${unit}`,
        `${path} must be in UCUM ${unit}`,
      ),
    );
  }
  return issues;
}

export const claimSupportingInfoVitals: Rule = {
  id: 'claim.supporting-info-vitals',
  description:
    'Claim.supportingInfo has exactly one weight (kg) and one height (cm), each ≤ 3 integer + 2 decimal digits',
  check(context) {
    const view = claimOf(context);
    if (!view) return [];
    const issues: ValidationIssue[] = [];
    const infos = objects(view.claim.supportingInfo);
    for (const vital of VITALS) {
      const found = infos.filter(
        ({ item }) => codeIn(item.category, TWPAS_CODE_SYSTEMS.supportingInfoType) === vital.category,
      );
      if (found.length === 0) {
        issues.push(
          issue(
            this.id,
            'required',
            `${view.path}.supportingInfo`,
            `Claim.supportingInfo 須有一筆病人${vital.zh}（${vital.category}）`,
            `Claim.supportingInfo needs one ${vital.category} entry`,
          ),
        );
      }
      for (const { index } of found.slice(1)) {
        issues.push(
          issue(
            this.id,
            'structure',
            `${view.path}.supportingInfo[${index}]`,
            `病人${vital.zh}（${vital.category}）只能填一筆`,
            `Only one ${vital.category} entry is allowed`,
          ),
        );
      }
      for (const { item, index } of found) {
        const path = `${view.path}.supportingInfo[${index}].value.ofType(Quantity)`;
        if (!isObject(item.valueQuantity)) {
          issues.push(
            issue(
              this.id,
              'required',
              path,
              `病人${vital.zh}須以 valueQuantity（${vital.unit}）填寫`,
              `${vital.category} must be a valueQuantity in ${vital.unit}`,
            ),
          );
        } else {
          issues.push(...checkQuantity(this.id, item.valueQuantity, path, vital.unit));
        }
      }
    }
    return issues;
  },
};
