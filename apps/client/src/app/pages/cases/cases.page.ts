import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/** "Mina ärenden": the cases the user works on. Empty until the case API exists. */
@Component({
  selector: 'app-cases-page',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './cases.page.html',
  styleUrl: './cases.page.scss',
})
export class CasesPage {}
