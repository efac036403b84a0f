import { unknownElements } from '@openpas/fhir-model';
import { issue } from '@openpas/ig-validation';
import type { Rule } from '../types.ts';

export const resourceUnknownElements: Rule = {
  id: 'resource.unknown-elements',
  description:
    'the Bundle and every resource in it have only the elements FHIR R4 defines (FHIR JSON: an unknown property makes it invalid)',
  check({ bundle }) {
    return unknownElements(bundle, { path: 'Bundle' }).map(({ expression, message }) =>
      issue(
        this.id,
        'structure',
        expression,
        `${expression} 不是 FHIR R4 定義的元素：${message}`,
        `${expression} is not an element FHIR R4 defines: ${message}`,
      ),
    );
  },
};
