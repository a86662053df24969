import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/**
 * The ten recovery codes, shown once (after an enrolment or a renewal): a clear "save these",
 * copy and print, and a button the person presses once they have them.
 */
@Component({
  selector: 'app-recovery-codes',
  imports: [MatButtonModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="recovery-codes" aria-labelledby="recovery-codes-title">
      <h2 id="recovery-codes-title" tabindex="-1">{{ 'secondFactor.codesTitle' | t }}</h2>
      <p class="warning">{{ 'secondFactor.codesSave' | t }}</p>
      <ol class="codes" [attr.aria-label]="'secondFactor.codesListLabel' | t">
        @for (code of codes(); track code) {
          <li>
            <code>{{ code }}</code>
          </li>
        }
      </ol>
      <div class="actions">
        <button mat-stroked-button type="button" (click)="copy()">
          {{ 'secondFactor.copy' | t }}
        </button>
        <button mat-stroked-button type="button" (click)="print()">
          {{ 'secondFactor.print' | t }}
        </button>
        <button mat-flat-button type="button" (click)="done.emit()">
          {{ 'secondFactor.codesSaved' | t }}
        </button>
      </div>
      <p role="status" class="copied">
        @if (copied()) {
          {{ 'secondFactor.copied' | t }}
        }
      </p>
    </section>
  `,
  styles: `
    .warning {
      padding: 0.75rem 1rem;
      border-radius: 8px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .codes {
      display: grid;
      grid-template-columns: repeat(2, max-content);
      gap: 0.5rem 2.5rem;
      margin: 1rem 0;
      font-size: 1.0625rem;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
    }
    h2:focus {
      outline: none;
    }
  `,
})
export class RecoveryCodes {
  private readonly document = inject(DOCUMENT);

  readonly codes = input.required<readonly string[]>();
  /** The person has saved the codes: the page goes on without them. */
  readonly done = output<void>();
  protected readonly copied = signal(false);

  protected async copy(): Promise<void> {
    try {
      await this.document.defaultView?.navigator.clipboard.writeText(this.codes().join('\n'));
      this.copied.set(true);
    } catch {
      // No clipboard (permissions, insecure context): the codes are on screen to copy by hand.
    }
  }

  protected print(): void {
    this.document.defaultView?.print();
  }
}
