import { fieldErrorsByPath, fieldMessage } from './field-errors';

describe('fieldMessage', () => {
  it('says nothing without errors', () => {
    expect(fieldMessage(null)).toBeNull();
  });

  it('prefers "required" over other rules and fills lengths in', () => {
    expect(fieldMessage({ required: true, minlength: { requiredLength: 20 } })).toEqual({
      key: 'field.required',
    });
    expect(fieldMessage({ minlength: { requiredLength: 20, actualLength: 3 } })).toEqual({
      key: 'field.minLength',
      params: { min: 20 },
    });
    expect(fieldMessage({ maxlength: { requiredLength: 100 } })).toEqual({
      key: 'field.maxLength',
      params: { max: 100 },
    });
  });

  it('translates the API’s rule names and falls back to a generic message', () => {
    expect(fieldMessage({ server: 'isPersonalNumber' })).toEqual({ key: 'field.personalNumber' });
    expect(fieldMessage({ server: 'isNotEmpty' })).toEqual({ key: 'field.required' });
    expect(fieldMessage({ server: 'somethingNew' })).toEqual({ key: 'field.invalid' });
    expect(fieldMessage({ unknownRule: true })).toEqual({ key: 'field.invalid' });
  });

  it('names what is wrong with an organisation’s codes, from the client or the API', () => {
    expect(fieldMessage({ organisationNumber: true })).toEqual({ key: 'field.organisationNumber' });
    expect(fieldMessage({ municipalityCode: true })).toEqual({ key: 'field.municipalityCode' });
    expect(fieldMessage({ hsaId: true })).toEqual({ key: 'field.hsaId' });
    expect(fieldMessage({ server: 'isOrganisationNumber' })).toEqual({
      key: 'field.organisationNumber',
    });
    expect(fieldMessage({ server: 'municipalitiesOnly' })).toEqual({
      key: 'field.municipalitiesOnly',
    });
    expect(fieldMessage({ server: 'ownOrganisation' })).toEqual({ key: 'field.ownOrganisation' });
    expect(fieldMessage({ server: 'isEnum' })).toEqual({ key: 'field.chooseFromList' });
  });
});

describe('fieldErrorsByPath', () => {
  const errors = [
    { field: 'participants.0.person.personalNumber', code: 'isPersonalNumber', message: 'x' },
    { field: 'participants.0.person.personalNumber', code: 'isString', message: 'x' },
    { field: 'consents.0.categories', code: 'arrayMinSize', message: 'x' },
    { field: 'unknownField', code: 'whitelistValidation', message: 'x' },
  ];

  it('keeps the first rule per field and maps paths to the form’s', () => {
    const map = (path: string) =>
      path.startsWith('consents.0.')
        ? `consent.${path.slice(11)}`
        : path === 'unknownField'
          ? null
          : path;
    const { byPath, unmatched } = fieldErrorsByPath(errors, map);
    expect([...byPath]).toEqual([
      ['participants.0.person.personalNumber', 'isPersonalNumber'],
      ['consent.categories', 'arrayMinSize'],
    ]);
    expect(unmatched.map((e) => e.field)).toEqual(['unknownField']);
  });

  it('copes with a problem without field errors', () => {
    expect(fieldErrorsByPath(undefined).byPath.size).toBe(0);
  });
});
