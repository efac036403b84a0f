import { issue } from '@openpas/ig-validation';
import type { Rule } from '../types.ts';

export const bundleType: Rule = {
  id: 'bundle.type',
  description: 'Bundle.type is collection',
  check({ bundle }) {
    if (bundle.type === 'collection') return [];
    return [
      issue(
        this.id,
        'invalid',
        'Bundle.type',
        `Bundle.type 須為 collection（目前為 ${String(bundle.type ?? '空白')}）`,
        `Bundle.type must be collection (found ${String(bundle.type ?? 'nothing')})`,
      ),
    ];
  },
};
