import { Module } from '@nestjs/common';
import { RemindersModule } from '../reminders/reminders.module';
import { CaseAccessService } from './case-access.service';
import { CaseReadsService } from './case-reads.service';
import { CaseRegistrationService } from './case-registration.service';
import { CaseTeamService } from './case-team.service';
import { CaseUpdatesService } from './case-updates.service';
import {
  CasesController,
  ConsentsController,
  EmergencyAccessesController,
} from './cases.controller';
import { ConsentsService } from './consents.service';
import { EmergencyAccessService } from './emergency-access.service';
import { JournalService } from './journal.service';
import { PersonsService } from './persons.service';
import { ProgrammesController } from './programmes.controller';
import { programmesProvider } from './programmes.provider';

/** Shared cases, persons, consent, disclosures, journal and emergency access (issue 3). */
@Module({
  imports: [RemindersModule],
  controllers: [
    CasesController,
    ConsentsController,
    EmergencyAccessesController,
    ProgrammesController,
  ],
  providers: [
    programmesProvider,
    CaseAccessService,
    CaseReadsService,
    CaseRegistrationService,
    CaseUpdatesService,
    CaseTeamService,
    ConsentsService,
    EmergencyAccessService,
    JournalService,
    PersonsService,
  ],
  exports: [
    CaseAccessService,
    CaseReadsService,
    CaseRegistrationService,
    CaseUpdatesService,
    CaseTeamService,
    JournalService,
    programmesProvider,
  ],
})
export class CasesModule {}
