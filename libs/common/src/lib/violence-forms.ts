/**
 * Forms of violence (issue 15): the target group of the Region–kommuner agreement (§2) as a
 * classification of Trygga hem incidents and of SIP cases with violence, counted by the
 * statistics. Codes only (no validators), so the client can import them; the request field is
 * in violence-forms.dto.ts. The Swedish and English names are in the client's dictionaries
 * (`violenceForm.<code>`) and in docs/architecture.md.
 */
export enum ViolenceForm {
  Physical = 'physical',
  Psychological = 'psychological',
  Sexual = 'sexual',
  Economic = 'economic',
  HonourRelated = 'honour_related',
  ChildMarriage = 'child_marriage',
  ForcedMarriage = 'forced_marriage',
  GenitalMutilation = 'genital_mutilation',
  /** Prostitution and trafficking for sexual purposes (§2). */
  Trafficking = 'trafficking',
  ViolenceAgainstChildren = 'violence_against_children',
  Digital = 'digital',
}

/** Every form, in the order the agreement lists them: the order they are stored and shown in. */
export const VIOLENCE_FORMS: readonly ViolenceForm[] = Object.values(ViolenceForm);

/**
 * Forms of violence (issue 15) as they are stored: each form once, in the agreement's order
 * (`VIOLENCE_FORMS`), so two recordings of the same forms are equal item by item — a
 * correction that only reorders them changes nothing — and the statistics count each once.
 */
export function canonicalViolenceForms(forms: readonly ViolenceForm[]): ViolenceForm[] {
  const given = new Set(forms);
  return VIOLENCE_FORMS.filter((form) => given.has(form));
}
