import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '@samsyn/common';
import { ValidationFailedException } from './problem-details';

/** Flattens nested class-validator errors into dotted field paths with one entry per rule. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([code, message]) => ({
      field,
      code,
      // Messages name the field and the rule, never the rejected value (it may be personal data).
      message,
    }));
    return [...own, ...toFieldErrors(e.children ?? [], field)];
  });
}

/** The global pipe: unknown fields are rejected, and every error names its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedException(toFieldErrors(errors)),
  });
}
