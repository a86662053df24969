import { ParseUUIDPipe } from '@nestjs/common';
import { ValidationFailedException } from './problem-details';

/** `@Param(name, uuidParam(name))`: a malformed id is a 400 naming the parameter, like body fields. */
export function uuidParam(field = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () =>
      new ValidationFailedException([
        { field, code: 'isUuid', message: `${field} must be a UUID` },
      ]),
  });
}
