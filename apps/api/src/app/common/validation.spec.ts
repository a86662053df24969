import { type ValidationError } from '@nestjs/common';
import { toFieldErrors } from './validation';

describe('toFieldErrors', () => {
  it('flattens nested errors into dotted paths, one entry per rule', () => {
    const errors: ValidationError[] = [
      { property: 'name', constraints: { isNotEmpty: 'name should not be empty' }, children: [] },
      {
        property: 'plan',
        children: [
          {
            property: 'followUpAt',
            constraints: { isDateString: 'followUpAt must be a date', isDefined: 'x' },
          },
        ],
      },
    ];
    expect(toFieldErrors(errors)).toEqual([
      { field: 'name', code: 'isNotEmpty', message: 'name should not be empty' },
      { field: 'plan.followUpAt', code: 'isDateString', message: 'followUpAt must be a date' },
      { field: 'plan.followUpAt', code: 'isDefined', message: 'x' },
    ]);
  });
});
