import type { Parameters } from '@openpas/fhir-model';
import { describe, expect, it } from 'vitest';
import { decisionsFromParameters } from './decision-parameters.ts';
import { CaseError } from './errors.ts';

const item = (...part: NonNullable<Parameters['parameter']>) => ({ name: 'item', part });

describe('decisionsFromParameters', () => {
  it('reads sequence, reason, comment, approved quantity and order details', () => {
    const parameters: Parameters = {
      resourceType: 'Parameters',
      parameter: [
        item({ name: 'sequence', valueInteger: 1 }, { name: 'reason', valueCode: '1' }),
        item(
          { name: 'sequence', valueInteger: 2 },
          { name: 'reason', valueCode: '3' },
          { name: 'comment', valueString: '先核 2 次' },
          { name: 'approvedQuantity', valueDecimal: 2 },
          {
            name: 'detail',
            part: [
              { name: 'sequence', valueInteger: 1 },
              { name: 'reason', valueCode: '2' },
              { name: 'comment', valueString: '劑量過高' },
            ],
          },
        ),
      ],
    };
    expect(decisionsFromParameters(parameters)).toEqual([
      { sequence: 1, reason: 1 },
      {
        sequence: 2,
        reason: 3,
        comment: '先核 2 次',
        approvedQuantity: 2,
        details: [{ sequence: 1, reason: 2, comment: '劑量過高' }],
      },
    ]);
  });

  it('refuses a decision without items, and an item without sequence or reason, naming where', () => {
    const none = () => decisionsFromParameters({ resourceType: 'Parameters', parameter: [] });
    expect(none).toThrow(CaseError);
    expect(none).toThrow(/at least one "item"/);
    try {
      decisionsFromParameters({
        resourceType: 'Parameters',
        parameter: [item({ name: 'sequence', valueInteger: 1 })],
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'malformed', expression: 'Parameters.parameter[0]' });
    }
  });
});
