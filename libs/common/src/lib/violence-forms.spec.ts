import { VIOLENCE_FORMS, ViolenceForm, canonicalViolenceForms } from './violence-forms';

describe('canonicalViolenceForms (issue 15)', () => {
  it('keeps each form once, in the agreement’s order', () => {
    expect(
      canonicalViolenceForms([
        ViolenceForm.Digital,
        ViolenceForm.Physical,
        ViolenceForm.Digital,
        ViolenceForm.HonourRelated,
      ]),
    ).toEqual([ViolenceForm.Physical, ViolenceForm.HonourRelated, ViolenceForm.Digital]);
  });

  it('returns every form for every form given in any order, and nothing for nothing', () => {
    expect(canonicalViolenceForms([...VIOLENCE_FORMS].reverse())).toEqual([...VIOLENCE_FORMS]);
    expect(canonicalViolenceForms([])).toEqual([]);
  });

  it('lists the agreement’s forms (§2) and the two the issue adds, physical first', () => {
    expect(VIOLENCE_FORMS).toHaveLength(11);
    expect(VIOLENCE_FORMS[0]).toBe(ViolenceForm.Physical);
    expect(new Set(VIOLENCE_FORMS).size).toBe(VIOLENCE_FORMS.length);
  });
});
