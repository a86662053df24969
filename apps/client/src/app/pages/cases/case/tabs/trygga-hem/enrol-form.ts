import { ChangeDetectionStrategy, Component, type OnInit, input, output } from '@angular/core';
import { ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  TRYGGA_HEM_PRIORITIES,
  TryggaHemAction,
  type TryggaHemCaseDto,
  type TryggaHemEnrolmentDto,
  type TryggaHemPriority,
} from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { FieldErrorPipe } from '../../../../../core/forms/field-error.pipe';
import { required } from '../../../../../core/forms/validators';
import { TranslatePipe } from '../../../../../core/i18n/translate.pipe';
import { CaseloadForm } from './caseload-form';

/**
 * Issue 15, item 1: the case owner puts the case in a koordinatorsgrupp's caseload — the group
 * (of the case's municipality), the first priority A–D and its basis. Shown only when the API
 * lists `th.enrol` for the caller; the API checks the same rule again.
 */
@Component({
  selector: 'app-th-enrol-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    FieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form
      id="th-enrol-form"
      class="panel no-print"
      [formGroup]="form"
      (ngSubmit)="submit()"
      novalidate
      aria-labelledby="th-enrol-title"
    >
      <h3 id="th-enrol-title" tabindex="-1">{{ 'th.enrol.title' | t }}</h3>
      <p class="hint">{{ 'th.enrol.hint' | t }}</p>
      @if (error(); as e) {
        <p class="form-error" role="alert">{{ e | t }}</p>
      }
      <mat-form-field appearance="outline" class="full-width">
        <mat-label>{{ 'th.enrol.group' | t }}</mat-label>
        <mat-select id="th-enrol-group" formControlName="groupId" required>
          @for (g of enrolment().groups; track g.id) {
            <mat-option [value]="g.id">{{ g.name }}</mat-option>
          }
        </mat-select>
        <mat-error>{{ form.controls.groupId.errors | fieldError }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ 'th.priority' | t }}</mat-label>
        <mat-select id="th-enrol-priority" formControlName="priority" required>
          @for (p of priorities; track p) {
            <mat-option [value]="p">{{ 'th.priorityValue' | t: { priority: p } }}</mat-option>
          }
        </mat-select>
        <mat-hint>{{ 'th.case.priorityScale' | t }}</mat-hint>
        <mat-error>{{ form.controls.priority.errors | fieldError }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline" class="full-width">
        <mat-label>{{ 'th.case.priorityBasis' | t }}</mat-label>
        <textarea
          matInput
          id="th-enrol-basis"
          formControlName="priorityBasis"
          rows="3"
          required
        ></textarea>
        <mat-error>{{ form.controls.priorityBasis.errors | fieldError }}</mat-error>
      </mat-form-field>
      <div class="form-actions">
        <button
          mat-flat-button
          type="submit"
          [attr.data-action]="action"
          [attr.aria-busy]="pending() || null"
        >
          {{ 'th.enrol.submit' | t }}
        </button>
      </div>
    </form>
  `,
})
export class EnrolForm extends CaseloadForm implements OnInit {
  readonly enrolment = input.required<TryggaHemEnrolmentDto>();
  readonly enrolled = output<TryggaHemCaseDto>();

  protected readonly action = TryggaHemAction.Enrol;
  protected readonly priorities = TRYGGA_HEM_PRIORITIES;
  protected readonly form = this.fb.group({
    groupId: ['', required],
    priority: ['' as TryggaHemPriority | '', required],
    priorityBasis: ['', [required, Validators.maxLength(2000)]],
  });
  ngOnInit(): void {
    // One group per municipality: it is chosen already when there is only one.
    const groups = this.enrolment().groups;
    if (groups.length === 1) this.form.controls.groupId.setValue(groups[0].id);
  }

  protected async submit(): Promise<void> {
    if (this.pending()) return;
    const { groupId, priority, priorityBasis } = this.form.getRawValue();
    await this.send(
      this.form,
      () =>
        firstValueFrom(
          this.api.enrol({
            caseId: this.enrolment().caseId,
            groupId,
            // Required: a valid form has one.
            priority: priority as TryggaHemPriority,
            priorityBasis: priorityBasis.trim(),
          }),
        ),
      (profile) => {
        void this.announcer.announce(
          this.i18n.t('th.enrol.done', { group: profile.group.name }),
          'polite',
        );
        this.enrolled.emit(profile);
      },
    );
  }
}
