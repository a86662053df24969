import { Injectable } from '@nestjs/common';
import { type PersonInputDto, ProtectedIdentityLevel } from '@samsyn/common';
import { PersonEntity } from '@samsyn/server';
import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { identityOf } from './case-rules';

const PROTECTION_ORDER = [
  ProtectedIdentityLevel.None,
  ProtectedIdentityLevel.Sekretessmarkering,
  ProtectedIdentityLevel.SkyddadFolkbokforing,
  ProtectedIdentityLevel.FingeradePersonuppgifter,
];

/** Persons are one row per identity number, shared by every case they take part in. */
@Injectable()
export class PersonsService {
  /**
   * Finds the person with this identity number or creates them. An existing person's details
   * are not overwritten by a new case (the caller may not even see them); protection can only
   * be raised this way, never lowered (D18).
   */
  async findOrCreate(
    em: EntityManager,
    dto: PersonInputDto,
    prefix: string,
  ): Promise<PersonEntity> {
    const identity = identityOf(dto, prefix);
    const level = dto.protectedLevel ?? ProtectedIdentityLevel.None;
    if (identity.normalised) {
      const existing = await em.findOne(PersonEntity, {
        where: { personalNumber: identity.normalised },
        lock: { mode: 'pessimistic_write' },
      });
      if (existing) {
        if (PROTECTION_ORDER.indexOf(level) > PROTECTION_ORDER.indexOf(existing.protectedLevel)) {
          existing.protectedLevel = level;
          return em.save(existing);
        }
        return existing;
      }
    }
    return em.save(
      em.create(PersonEntity, {
        personalNumberKind: identity.kind,
        personalNumber: identity.normalised ?? reserveNumber(identity.birthDate),
        firstName: dto.firstName.trim(),
        lastName: dto.lastName.trim(),
        birthDate: identity.birthDate,
        language: dto.language ?? null,
        interpreterNeeded: dto.interpreterNeeded ?? false,
        address: dto.address ?? null,
        postalCode: dto.postalCode ?? null,
        city: dto.city ?? null,
        phone: dto.phone ?? null,
        email: dto.email ?? null,
        protectedLevel: level,
      }),
    );
  }
}

/** A local reserve number: R, the birth date and a random serial (unique index guards collisions). */
function reserveNumber(birthDate: string): string {
  return `R${birthDate.replace(/-/g, '')}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}
