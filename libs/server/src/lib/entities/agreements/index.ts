import { AgreementEntity, AgreementFollowUpEntity, AgreementPartyEntity } from './agreement.entity';

export { AgreementEntity, AgreementFollowUpEntity, AgreementPartyEntity };

/** Agreement entities (D25). */
export const AGREEMENT_ENTITIES: (new () => object)[] = [
  AgreementEntity,
  AgreementPartyEntity,
  AgreementFollowUpEntity,
];
