import { FormControl } from '@angular/forms';
import { OrganisationType, type UserSummaryDto } from '@samsyn/common';
import { chosenPerson, notBlank, personLabel } from './group-forms';

const anna: UserSummaryDto = {
  id: 'u1',
  displayName: 'Anna Lindqvist',
  organisation: { id: 'o1', name: 'Örebro kommun', type: OrganisationType.Municipality },
  unit: null,
};

describe('group form rules', () => {
  it('notBlank: spaces only is required; empty is left to `required`; text passes', () => {
    expect(notBlank(new FormControl('   '))).toEqual({ required: true });
    expect(notBlank(new FormControl(''))).toBeNull();
    expect(notBlank(new FormControl(' Grupp '))).toBeNull();
  });

  it('chosenPerson: typed text is not a choice; nothing is required; a suggestion passes', () => {
    expect(chosenPerson(new FormControl('Anna'))).toEqual({ notChosen: true });
    expect(chosenPerson(new FormControl(''))).toEqual({ required: true });
    expect(chosenPerson(new FormControl(anna))).toBeNull();
  });

  it('personLabel shows the name of a chosen person and typed text as typed', () => {
    expect(personLabel(anna)).toBe('Anna Lindqvist');
    expect(personLabel('Ann')).toBe('Ann');
    expect(personLabel(null)).toBe('');
  });
});
