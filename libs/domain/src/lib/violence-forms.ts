import { canonicalViolenceForms, type ViolenceForm } from '@samsyn/common';

/**
 * The forms a SIP case's settings keep (D11, issue 15): only a case marked violence-related is
 * classified. `violenceForms` omitted keeps the recorded ones; unmarking the case clears them.
 * Returns `'notViolenceRelated'` when forms are sent for a case that is not marked.
 */
export function sipViolenceForms(input: {
  violenceRelated: boolean;
  given: readonly ViolenceForm[] | undefined;
  recorded: readonly ViolenceForm[];
}): ViolenceForm[] | 'notViolenceRelated' {
  if (!input.violenceRelated) return input.given?.length ? 'notViolenceRelated' : [];
  return canonicalViolenceForms(input.given ?? input.recorded);
}
