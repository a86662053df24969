import { ChangeDetectionStrategy, Component, inject, signal, type OnInit } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { HELP_TEXT_MAX_LENGTH, type HelpTextDto } from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { RemindersApi } from '../../core/api/reminders-api.service';
import { AuthService } from '../../core/auth/auth.service';
import { required } from '../../core/forms/validators';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

const TEXT_VALIDATORS = [
  required,
  Validators.pattern(/\S/),
  Validators.maxLength(HELP_TEXT_MAX_LENGTH),
];

/** An org_admin edits where to get help (D13): Swedish and English, shown in letters and plans. */
@Component({
  selector: 'app-help-text-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 tabindex="-1">{{ 'helpText.title' | t }}</h1>
    <p class="hint">{{ 'helpText.intro' | t }}</p>
    @if (loaded(); as h) {
      @if (h.isDefault) {
        <p class="muted help-text-default">{{ 'helpText.isDefault' | t }}</p>
      }
      <form class="panel" [formGroup]="form" (ngSubmit)="save()" novalidate>
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>{{ 'helpText.sv' | t }}</mat-label>
          <textarea matInput id="help-text-sv" formControlName="sv" rows="8" required></textarea>
          <mat-error>{{ errorOf('sv') | t: { max: max } }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>{{ 'helpText.en' | t }}</mat-label>
          <textarea matInput id="help-text-en" formControlName="en" rows="8" required></textarea>
          <mat-error>{{ errorOf('en') | t: { max: max } }}</mat-error>
        </mat-form-field>
        <div class="form-actions">
          <button mat-flat-button type="submit" [disabled]="saving()">
            {{ 'helpText.save' | t }}
          </button>
        </div>
        <div role="status">
          @if (status(); as key) {
            <p [class]="key === 'helpText.saved' ? 'notice' : 'form-error'">{{ key | t }}</p>
          }
        </div>
      </form>
    } @else {
      <p class="muted">{{ 'helpText.loading' | t }}</p>
    }
  `,
})
export class HelpTextPage implements OnInit {
  private readonly api = inject(RemindersApi);
  private readonly auth = inject(AuthService);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly max = HELP_TEXT_MAX_LENGTH;
  protected readonly loaded = signal<HelpTextDto | null>(null);
  protected readonly saving = signal(false);
  protected readonly status = signal<'helpText.saved' | 'helpText.error' | null>(null);
  protected readonly form = this.fb.group({
    sv: ['', TEXT_VALIDATORS],
    en: ['', TEXT_VALIDATORS],
  });

  ngOnInit(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    const org = this.auth.me()?.organisation.id;
    if (!org) return;
    const text = await firstValueFrom(this.api.helpText(org));
    this.form.setValue({ sv: text.sv, en: text.en });
    this.loaded.set(text);
  }

  protected errorOf(field: 'sv' | 'en'): 'helpText.tooLong' | 'helpText.required' {
    return this.form.controls[field].hasError('maxlength')
      ? 'helpText.tooLong'
      : 'helpText.required';
  }

  protected async save(): Promise<void> {
    this.status.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const org = this.auth.me()?.organisation.id;
    if (!org) return;
    this.saving.set(true);
    try {
      this.loaded.set(await firstValueFrom(this.api.setHelpText(org, this.form.getRawValue())));
      this.status.set('helpText.saved');
    } catch {
      this.status.set('helpText.error');
    } finally {
      this.saving.set(false);
    }
  }
}
