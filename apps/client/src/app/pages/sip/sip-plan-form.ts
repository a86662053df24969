import {
  type FormArray,
  type FormGroup,
  type NonNullableFormBuilder,
  Validators,
} from '@angular/forms';
import {
  type SipMeasureDto,
  SipMeasureStatus,
  type SipPlanDto,
  SipResponsibleKind,
  type UpdateSipPlanDto,
} from '@samsyn/common';
import { dateOrder, required } from '../../core/forms/validators';

const text = (max: number) => [required, Validators.maxLength(max)];

export function needGroup(fb: NonNullableFormBuilder, need?: { id: string; text: string }) {
  return fb.group({ id: [need?.id ?? ''], text: [need?.text ?? '', text(1000)] });
}

export function goalGroup(
  fb: NonNullableFormBuilder,
  goal?: { id: string; text: string; ownWords: boolean },
) {
  return fb.group({
    id: [goal?.id ?? ''],
    text: [goal?.text ?? '', text(1000)],
    ownWords: [goal?.ownWords ?? false],
  });
}

export function measureGroup(fb: NonNullableFormBuilder, m?: SipMeasureDto, today = '') {
  return fb.group(
    {
      id: [m?.id ?? ''],
      description: [m?.description ?? '', text(1000)],
      responsibleKind: [m?.responsibleKind ?? SipResponsibleKind.Region],
      organisationId: [m?.organisation?.id ?? ''],
      unitId: [m?.unit?.id ?? ''],
      actorName: [m?.actorName ?? '', Validators.maxLength(200)],
      startDate: [m?.startDate ?? today, required],
      endDate: [m?.endDate ?? ''],
      status: [m?.status ?? SipMeasureStatus.Planned],
    },
    { validators: dateOrder('startDate', 'endDate') },
  );
}

/** The editor's form for a draft version: lists of needs, goals and measures, huvudansvar, follow-up. */
export function createPlanForm(fb: NonNullableFormBuilder, plan: SipPlanDto) {
  return fb.group({
    needs: fb.array(plan.needs.map((n) => needGroup(fb, n))),
    goals: fb.array(plan.goals.map((g) => goalGroup(fb, g))),
    measures: fb.array(plan.measures.map((m) => measureGroup(fb, m))),
    leadPrincipalOrganisationId: [plan.leadPrincipal?.id ?? ''],
    followUpDate: [plan.followUpDate ?? ''],
  });
}

export type PlanForm = ReturnType<typeof createPlanForm>;
export type PlanFormValue = ReturnType<PlanForm['getRawValue']>;
export type MeasureForm = ReturnType<typeof measureGroup>;
export type ListForm = FormArray<FormGroup>;

const optional = (value: string): string | undefined => value.trim() || undefined;

/**
 * The form's value as `PUT /sip/plans/:id` wants it: ids kept (so versions compare item by item),
 * empty optional fields left out, the actor name only for "other" measures.
 */
export function toUpdatePlanDto(value: PlanFormValue, version: number): UpdateSipPlanDto {
  return {
    version,
    needs: value.needs.map((n) => ({ id: optional(n.id), text: n.text.trim() })),
    goals: value.goals.map((g) => ({
      id: optional(g.id),
      text: g.text.trim(),
      ownWords: g.ownWords,
    })),
    measures: value.measures.map((m) => ({
      id: optional(m.id),
      description: m.description.trim(),
      responsibleKind: m.responsibleKind,
      organisationId: optional(m.organisationId),
      unitId: optional(m.unitId),
      actorName: m.responsibleKind === SipResponsibleKind.Other ? optional(m.actorName) : undefined,
      startDate: m.startDate,
      endDate: optional(m.endDate),
      status: m.status,
    })),
    leadPrincipalOrganisationId: value.leadPrincipalOrganisationId || null,
    followUpDate: value.followUpDate || null,
  };
}
