import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  type EnvironmentVariables,
  NodeEnv,
  OrganisationEntity,
  UnitEntity,
  UserEntity,
} from '@samsyn/server';
import { OrganisationType, SessionMethod } from '@samsyn/common';
import { swedishDate } from '@samsyn/domain';
import { DataSource } from 'typeorm';
import { type AuthenticatedUser, toAuthenticatedUser } from '../auth/authenticated-user';
import { CaseRegistrationService } from '../cases/case-registration.service';
import { CaseTeamService } from '../cases/case-team.service';
import { JournalService } from '../cases/journal.service';
import { AgreementsService } from '../agreements/agreements.service';
import { seedDemoAgreements } from './demo-agreements';
import { CoordinatorGroupsService } from '../trygga-hem/coordinator-groups.service';
import { MeetingAttendanceService } from '../trygga-hem/meeting-attendance.service';
import { MeetingsService } from '../trygga-hem/meetings.service';
import { TryggaHemCoordinationService } from '../trygga-hem/trygga-hem-coordination.service';
import { TryggaHemRecordingService } from '../trygga-hem/trygga-hem-recording.service';
import { DEMO_CASES } from './demo-cases';
import { DemoSipSeeder } from './demo-sip';
import { seedTryggaHemDemo } from './demo-trygga-hem';
import { PasswordService } from '../auth/password.service';
import { DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS } from './demo-data';

/** In demo mode: fills an empty database with Örebro län's organisations and demo users. */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
    private readonly cases: CaseRegistrationService,
    private readonly caseTeam: CaseTeamService,
    private readonly journal: JournalService,
    private readonly sipDemo: DemoSipSeeder,
    private readonly groups: CoordinatorGroupsService,
    private readonly tryggaHemCoordination: TryggaHemCoordinationService,
    private readonly tryggaHemRecording: TryggaHemRecordingService,
    private readonly meetings: MeetingsService,
    private readonly attendance: MeetingAttendanceService,
    private readonly agreements: AgreementsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.get('DEMO_MODE', { infer: true })) return;
    if (this.config.get('NODE_ENV', { infer: true }) === NodeEnv.Production) {
      this.logger.warn('DEMO_MODE is on in production: demo users share a published password');
    }
    const seeded = await this.seed();
    if (seeded) {
      await this.seedCases();
      this.logger.log(
        `Seeded ${DEMO_ORGANISATIONS.length} organisations, ${DEMO_USERS.length} users and ${DEMO_CASES.length} cases`,
      );
    }
    this.printSignIns();
  }

  /** Idempotent: does nothing when organisations exist. Returns whether it wrote. */
  async seed(): Promise<boolean> {
    const hash = await this.passwords.hash(DEMO_PASSWORD);
    return this.dataSource.transaction(async (em) => {
      // Several API processes starting together on an empty database seed once: the others
      // wait here, then find the organisations.
      await em.query('LOCK TABLE "organisations" IN SHARE ROW EXCLUSIVE MODE');
      if ((await em.count(OrganisationEntity)) > 0) return false;
      const units = new Map<string, UnitEntity>();
      const orgs = new Map<string, OrganisationEntity>();
      for (const demo of DEMO_ORGANISATIONS) {
        const org = await em.save(
          em.create(OrganisationEntity, {
            name: demo.name,
            type: demo.type,
            municipalityCode: demo.municipalityCode ?? null,
            // Demo sign-ins stay password-only; a user may still enrol an authenticator.
            requireSecondFactor: false,
          }),
        );
        orgs.set(demo.name, org);
        for (const u of demo.units) {
          units.set(
            `${demo.name}/${u.name}`,
            await em.save(em.create(UnitEntity, { ...u, organisationId: org.id })),
          );
        }
      }
      for (const demo of DEMO_USERS) {
        const org = orgs.get(demo.organisation);
        const unit = units.get(`${demo.organisation}/${demo.unit}`);
        if (!org || !unit)
          throw new Error(`demo data: unknown organisation or unit for ${demo.username}`);
        await em.save(
          em.create(UserEntity, {
            username: demo.username,
            displayName: demo.displayName,
            email: `${demo.username}@demo.samsyn.se`,
            passwordHash: hash,
            roles: demo.roles,
            organisationId: org.id,
            unitId: unit.id,
            locale: 'sv',
          }),
        );
      }
      return true;
    });
  }

  /** Demo cases, opened through the same services (and audit log) as a user would. */
  async seedCases(): Promise<void> {
    const users = await this.dataSource
      .getRepository(UserEntity)
      .find({ relations: { organisation: true, unit: true } });
    const asUser = (username: string): AuthenticatedUser => {
      const u = users.find((x) => x.username === username);
      if (!u?.organisation) throw new Error(`demo data: unknown user ${username}`);
      return toAuthenticatedUser(u, u.organisation, {
        id: 'demo-seed',
        method: SessionMethod.Password,
        strong: false,
        expiresAt: new Date(),
      });
    };
    const orgs = await this.dataSource.getRepository(OrganisationEntity).find();
    const orgOf = (type: OrganisationType) => orgs.find((o) => o.type === type)?.id ?? '';
    const ids = {
      region: orgOf(OrganisationType.Region),
      police: orgOf(OrganisationType.Police),
      probation: orgOf(OrganisationType.Probation),
    };
    const today = swedishDate(new Date());
    for (const demo of DEMO_CASES) {
      const owner = asUser(demo.owner);
      const kase = await this.cases.create(owner, demo.dto(ids, today));
      for (const member of demo.team)
        await this.caseTeam.addTeamMember(owner, kase.id, {
          userId: asUser(member.username).id,
          caseRole: member.caseRole,
          protectedIdentityAccess: member.protectedIdentityAccess,
        });
      for (const entry of demo.journal)
        await this.journal.create(owner, kase.id, entry as Parameters<JournalService['create']>[2]);
    }
    await this.sipDemo.seed(asUser);
    await seedTryggaHemDemo(
      {
        groups: this.groups,
        coordination: this.tryggaHemCoordination,
        recording: this.tryggaHemRecording,
        meetings: this.meetings,
        attendance: this.attendance,
        dataSource: this.dataSource,
      },
      asUser,
    );
    await seedDemoAgreements(this.agreements, asUser, orgs, today);
  }

  private printSignIns(): void {
    const width = Math.max(...DEMO_USERS.map((u) => u.username.length));
    const rows = DEMO_USERS.map(
      (u) => `  ${u.username.padEnd(width)}  ${u.roles.join(', ')} — ${u.organisation}`,
    );
    // Straight to stdout, not the structured log: credentials must never reach log storage.
    process.stdout.write(
      `\nSamsyn demo mode — sign in at ${this.config.get('PUBLIC_URL', { infer: true })} with password "${DEMO_PASSWORD}":\n${rows.join('\n')}\n\n`,
    );
  }
}
