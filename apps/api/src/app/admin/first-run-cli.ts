import { Logger } from '@nestjs/common';
import {
  AuditAction,
  CreateOrganisationDto,
  FirstAdminDto,
  normaliseOrganisationNumber,
  OrganisationType,
  Role,
} from '@samsyn/common';
import { PASSWORD_PROBLEM_MESSAGES, passwordProblems } from '@samsyn/domain';
import {
  OrganisationEntity,
  runMigrationsLocked,
  UserEntity,
  validateEnvironment,
} from '@samsyn/server';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { MIGRATIONS } from '../../database/migrations';
import { AuditService } from '../audit/audit.service';
import { commonPasswords } from '../auth/password-policy';
import { PasswordService } from '../auth/password.service';
import { cliEnvironment, withCliDatabase } from '../common/cli-database';

/** The first argument that creates the first organisation and its system administrator. */
export const ADMIN_CREATE_COMMAND = 'admin:create';

/** Exit codes: 0 created, 2 bad input or the database could not be reached, 3 refused. */
export const FIRST_RUN_CREATED = 0;
export const FIRST_RUN_INVALID = 2;
export const FIRST_RUN_REFUSED = 3;

/** Command-line flag → the field it fills, so that a message names the flag a person typed. */
const FLAGS = {
  'org-kind': 'kind',
  'org-name': 'name',
  'org-number': 'organisationNumber',
  'municipality-code': 'municipalityCode',
  'hsa-id': 'hsaId',
  username: 'username',
  'display-name': 'displayName',
  email: 'email',
} as const;

export const FIRST_RUN_USAGE = `usage: npm run admin:create -- --org-kind <${Object.values(OrganisationType).join('|')}>
         --org-name <name> [--org-number NNNNNN-NNNN] [--municipality-code NNNN] [--hsa-id SE…]
         --username <name> --display-name <name> [--email <address>] [--password-stdin]
Creates the first organisation and its system administrator on an installation that has none.
Without --password-stdin a one-time password is generated and printed once.`;

export interface FirstRunIo {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  /** The password when --password-stdin is given (read by the caller from stdin). */
  readPassword: () => Promise<string>;
}

interface ParsedInput {
  organisation: CreateOrganisationDto;
  admin: FirstAdminDto;
  passwordFromStdin: boolean;
}

/** Parses and validates the flags; returns the messages, one per flag, when they are wrong. */
export async function parseFirstRunArgs(args: string[]): Promise<ParsedInput | string[]> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(
          Object.keys(FLAGS).map((flag) => [flag, { type: 'string' as const }]),
        ),
        'password-stdin': { type: 'boolean' },
      },
    }));
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
  const fields = (names: readonly string[]) =>
    Object.fromEntries(
      Object.entries(FLAGS)
        .filter(([flag, field]) => names.includes(field) && values[flag] !== undefined)
        .map(([flag, field]) => [field, values[flag]]),
    );
  const organisation = plainToInstance(
    CreateOrganisationDto,
    fields(['kind', 'name', 'organisationNumber', 'municipalityCode', 'hsaId']),
  );
  const admin = plainToInstance(FirstAdminDto, fields(['username', 'displayName', 'email']));
  const problems = [
    ...(await validate(organisation, { forbidUnknownValues: true })),
    ...(await validate(admin, { forbidUnknownValues: true })),
  ].flatMap(messagesOf);
  if (
    organisation.municipalityCode !== undefined &&
    organisation.kind !== OrganisationType.Municipality
  ) {
    problems.push('--municipality-code: only a municipality has a kommunkod');
  }
  if (problems.length) return problems;
  return { organisation, admin, passwordFromStdin: values['password-stdin'] === true };
}

function messagesOf(error: ValidationError): string[] {
  const flag = Object.entries(FLAGS).find(([, field]) => field === error.property)?.[0];
  return Object.values(error.constraints ?? {}).map((message) => `--${flag}: ${message}`);
}

/**
 * `node dist/apps/api/main.js admin:create …` (npm run admin:create, also in the Docker image):
 * migrates the database, then creates the first organisation and its system administrator in one
 * transaction, audited as that administrator's first event. Refuses (exit 3, nothing written)
 * when a system administrator exists: from then on administrators work in the client.
 */
export async function runFirstRun(
  args: string[],
  io: FirstRunIo,
  env: Record<string, unknown> = cliEnvironment(process.env),
): Promise<number> {
  Logger.overrideLogger(['error']);
  const input = await parseFirstRunArgs(args);
  if (Array.isArray(input)) {
    io.err.write(`${input.join('\n')}\n\n${FIRST_RUN_USAGE}\n`);
    return FIRST_RUN_INVALID;
  }
  const generated = !input.passwordFromStdin;
  const password = generated
    ? randomBytes(18).toString('base64url')
    : (await io.readPassword()).replace(/\r?\n$/, '');
  const problems = passwordProblems(password, {
    username: input.admin.username,
    commonPasswords: commonPasswords(),
  });
  if (problems.length > 0) {
    io.err.write(
      `${problems.map((p) => `password: ${PASSWORD_PROBLEM_MESSAGES[p]}`).join('\n')}\n`,
    );
    return FIRST_RUN_INVALID;
  }
  const passwordHash = await new PasswordService().hash(password);
  const config = validateEnvironment(env);
  return withCliDatabase(
    config,
    { applicationName: 'samsyn-admin-create', migrations: MIGRATIONS },
    async (dataSource) => {
      await runMigrationsLocked(dataSource);
      const { organisation: o, admin: a } = input;
      const outcome = await dataSource.transaction(async (em) => {
        // One first run at a time: a second waits here, then finds the first one's administrator.
        await em.query('LOCK TABLE "users" IN SHARE ROW EXCLUSIVE MODE');
        const [{ exists }]: { exists: boolean }[] = await em.query(
          `SELECT EXISTS (SELECT 1 FROM users WHERE $1 = ANY(roles)) AS exists`,
          [Role.SystemAdmin],
        );
        if (exists) return 'admin exists' as const;
        const username = a.username.toLowerCase();
        if (await em.existsBy(UserEntity, { username })) return 'username taken' as const;
        if (await em.existsBy(OrganisationEntity, { name: o.name })) return 'name taken' as const;
        const org = await em.save(
          em.create(OrganisationEntity, {
            name: o.name,
            type: o.kind,
            municipalityCode: o.municipalityCode ?? null,
            organisationNumber: o.organisationNumber
              ? normaliseOrganisationNumber(o.organisationNumber)
              : null,
            hsaId: o.hsaId ?? null,
            // A real installation: password sign-ins need a second factor (issue 16).
            requireSecondFactor: true,
          }),
        );
        const user = await em.save(
          em.create(UserEntity, {
            username,
            displayName: a.displayName,
            email: a.email ?? null,
            passwordHash,
            roles: [Role.SystemAdmin],
            organisationId: org.id,
            unitId: null,
          }),
        );
        await new AuditService(dataSource).record(
          { id: user.id, roles: user.roles, organisation: { id: org.id }, unit: null },
          { action: AuditAction.AdminFirstRun, target: { kind: 'user', id: user.id } },
          em,
        );
        return { org, username };
      });
      if (outcome === 'admin exists') {
        io.err.write(
          'refused: this installation has a system administrator already; nothing was written.\n' +
            'Sign in as that administrator to add organisations and users.\n',
        );
        return FIRST_RUN_REFUSED;
      }
      if (outcome === 'username taken' || outcome === 'name taken') {
        const what = outcome === 'username taken' ? '--username' : '--org-name';
        io.err.write(`${what}: already in use on this installation; choose another\n`);
        return FIRST_RUN_INVALID;
      }
      io.out.write(
        `Created organisation "${outcome.org.name}" (${outcome.org.type}) and its system administrator "${outcome.username}".\n`,
      );
      if (generated) {
        io.out.write(`Password (shown only this once; keep it safe): ${password}\n`);
      }
      return FIRST_RUN_CREATED;
    },
  );
}
