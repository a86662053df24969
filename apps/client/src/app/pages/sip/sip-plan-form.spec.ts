import { SipMeasureStatus, SipResponsibleKind } from '@samsyn/common';
import { type PlanFormValue, toUpdatePlanDto } from './sip-plan-form';

describe('toUpdatePlanDto', () => {
  const value: PlanFormValue = {
    needs: [{ id: 'n1', text: ' Boende ' }],
    goals: [{ id: '', text: 'Jag vill bo själv', ownWords: true }],
    measures: [
      {
        id: '',
        description: 'Stöd vid sjukskrivning',
        responsibleKind: SipResponsibleKind.Other,
        organisationId: '',
        unitId: '',
        actorName: 'Försäkringskassan',
        startDate: '2026-03-01',
        endDate: '',
        status: SipMeasureStatus.Planned,
      },
      {
        id: 'm2',
        description: 'Boendestöd',
        responsibleKind: SipResponsibleKind.Municipality,
        organisationId: 'k',
        unitId: '',
        actorName: 'left over from an earlier choice',
        startDate: '2026-03-01',
        endDate: '2026-06-01',
        status: SipMeasureStatus.Ongoing,
      },
    ],
    leadPrincipalOrganisationId: '',
    followUpDate: '2026-05-01',
  };

  it('keeps ids, trims texts and leaves empty optional fields out', () => {
    const dto = toUpdatePlanDto(value, 4);
    expect(dto.version).toBe(4);
    expect(dto.needs).toEqual([{ id: 'n1', text: 'Boende' }]);
    expect(dto.goals).toEqual([{ id: undefined, text: 'Jag vill bo själv', ownWords: true }]);
    expect(dto.measures[0]).toMatchObject({
      id: undefined,
      organisationId: undefined,
      actorName: 'Försäkringskassan',
      endDate: undefined,
    });
    expect(dto.leadPrincipalOrganisationId).toBeNull();
    expect(dto.followUpDate).toBe('2026-05-01');
  });

  it('sends an actor name only for a measure of an actor outside the huvudmän', () => {
    const dto = toUpdatePlanDto(value, 1);
    expect(dto.measures[1]).toMatchObject({ organisationId: 'k', actorName: undefined });
  });
});
