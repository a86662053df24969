import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  type OnInit,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { type CoordinatorGroupDto, ErrorCode } from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { errorMessageKey, problemOf } from '../../core/api/problem';
import { TryggaHemApi } from '../../core/api/trygga-hem-api.service';
import { FieldErrorPipe } from '../../core/forms/field-error.pipe';
import { focusFirstInvalid } from '../../core/forms/focus-invalid';
import { applyServerErrors } from '../../core/forms/server-errors';
import { required } from '../../core/forms/validators';
import { I18nService } from '../../core/i18n/i18n.service';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { notBlank } from './group-forms';

/**
 * Changes a group's name and meeting schedule with optimistic locking: the group's `version`
 * goes with the change, and a 409 says someone else saved first and offers to reload (what
 * was typed stays in the form).
 */
@Component({
  selector: 'app-group-details-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    FieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form
      id="group-details-form"
      class="panel"
      [formGroup]="form"
      (ngSubmit)="save()"
      novalidate
      aria-labelledby="group-details-title"
    >
      <h3 id="group-details-title" tabindex="-1">{{ 'th.groupAdmin.editTitle' | t }}</h3>
      @if (conflict()) {
        <div class="alert" role="alert" id="group-conflict" tabindex="-1">
          <p>{{ 'th.groupAdmin.conflict' | t }}</p>
          <button
            mat-flat-button
            type="button"
            id="group-conflict-reload"
            [attr.aria-busy]="reloading() || null"
            (click)="reload()"
          >
            {{ 'th.reload' | t }}
          </button>
        </div>
      }
      @if (error(); as e) {
        <p class="form-error" role="alert" id="group-details-error" tabindex="-1">{{ e | t }}</p>
      }
      <mat-form-field appearance="outline" class="full-width">
        <mat-label>{{ 'th.groupAdmin.name' | t }}</mat-label>
        <input matInput id="edit-group-name" formControlName="name" required maxlength="200" />
        <mat-error>{{ form.controls.name.errors | fieldError }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline" class="full-width">
        <mat-label>{{ 'th.groupAdmin.schedule' | t }}</mat-label>
        <input
          matInput
          id="edit-group-schedule"
          formControlName="meetingSchedule"
          maxlength="500"
        />
        <mat-hint>{{ 'th.groupAdmin.scheduleHint' | t }}</mat-hint>
        <mat-error>{{ form.controls.meetingSchedule.errors | fieldError }}</mat-error>
      </mat-form-field>
      <div class="form-actions">
        <button mat-button type="button" (click)="cancelled.emit()">
          {{ 'common.cancel' | t }}
        </button>
        <button mat-flat-button type="submit" [attr.aria-busy]="pending() || null">
          {{ 'th.groupAdmin.save' | t }}
        </button>
      </div>
    </form>
  `,
})
export class GroupDetailsForm implements OnInit {
  private readonly api = inject(TryggaHemApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly group = input.required<CoordinatorGroupDto>();
  /** The saved group, or the current one after a reload: the page shows it. */
  readonly changed = output<{ group: CoordinatorGroupDto; saved: boolean }>();
  readonly cancelled = output();

  protected readonly pending = signal(false);
  protected readonly reloading = signal(false);
  protected readonly conflict = signal(false);
  protected readonly error = signal<TranslationKey | null>(null);
  protected readonly form = this.fb.group({
    name: ['', [required, notBlank, Validators.maxLength(200)]],
    meetingSchedule: ['', Validators.maxLength(500)],
  });
  /** The version the form's values were based on; sent with the change. */
  private version = 0;

  constructor() {
    afterNextRender(() => this.focus('#edit-group-name'));
  }

  ngOnInit(): void {
    const g = this.group();
    this.version = g.version;
    this.form.reset({ name: g.name, meetingSchedule: g.meetingSchedule ?? '' });
  }

  protected async save(): Promise<void> {
    if (this.pending()) return;
    this.error.set(null);
    this.conflict.set(false);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      afterNextRender(() => focusFirstInvalid(this.host.nativeElement), {
        injector: this.injector,
      });
      return;
    }
    const v = this.form.getRawValue();
    this.pending.set(true);
    try {
      const group = await firstValueFrom(
        this.api.updateGroup(this.group().id, {
          version: this.version,
          name: v.name.trim(),
          // An empty schedule clears it.
          meetingSchedule: v.meetingSchedule.trim(),
        }),
      );
      void this.announcer.announce(this.i18n.t('th.groupAdmin.saved'), 'polite');
      this.changed.emit({ group, saved: true });
    } catch (error: unknown) {
      if (problemOf(error)?.code === ErrorCode.VersionConflict) {
        this.conflict.set(true);
        afterNextRender(() => this.focus('#group-conflict-reload'), { injector: this.injector });
        return;
      }
      this.error.set(errorMessageKey(error));
      const invalid = applyServerErrors(this.form, error);
      afterNextRender(
        () => {
          if (!invalid.length || !focusFirstInvalid(this.host.nativeElement))
            this.focus('#group-details-error');
        },
        { injector: this.injector },
      );
    } finally {
      this.pending.set(false);
    }
  }

  /** After a conflict: the current group (shown by the page) and its version; typing is kept. */
  protected async reload(): Promise<void> {
    if (this.reloading()) return;
    this.reloading.set(true);
    try {
      const group = await firstValueFrom(this.api.group(this.group().id));
      this.version = group.version;
      // Fields the user has not touched take the other change; what they typed stays.
      const { name, meetingSchedule } = this.form.controls;
      if (!name.dirty) name.setValue(group.name);
      if (!meetingSchedule.dirty) meetingSchedule.setValue(group.meetingSchedule ?? '');
      this.conflict.set(false);
      this.changed.emit({ group, saved: false });
      void this.announcer.announce(this.i18n.t('th.groupAdmin.reloaded'), 'polite');
      afterNextRender(() => this.focus('#edit-group-name'), { injector: this.injector });
    } catch (error: unknown) {
      this.error.set(errorMessageKey(error));
    } finally {
      this.reloading.set(false);
    }
  }

  private focus(selector: string): void {
    this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus();
  }
}
