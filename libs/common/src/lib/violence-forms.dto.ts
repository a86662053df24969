import { ArrayMaxSize, ArrayUnique, IsArray, IsEnum, IsOptional } from 'class-validator';
import { VIOLENCE_FORMS, ViolenceForm } from './violence-forms';

/**
 * The request field `violenceForms` (issue 15), optional: a list of forms of violence, each one
 * of `ViolenceForm` and named once. The messages say what to send, never the value sent.
 */
export function IsViolenceForms(): PropertyDecorator {
  const decorators = [
    IsOptional(),
    IsArray({ message: 'violenceForms must be a list of forms of violence (may be empty)' }),
    ArrayMaxSize(VIOLENCE_FORMS.length, {
      message: `violenceForms can name at most ${VIOLENCE_FORMS.length} forms of violence`,
    }),
    IsEnum(ViolenceForm, {
      each: true,
      message: `each of violenceForms must be one of: ${VIOLENCE_FORMS.join(', ')}`,
    }),
    ArrayUnique({ message: 'violenceForms must name each form of violence only once' }),
  ];
  return (target, property) => {
    for (const decorate of decorators) decorate(target, property);
  };
}
