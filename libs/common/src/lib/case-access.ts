/**
 * The vocabulary of the access model (D14–D20). Programmes (libs/domain) choose which of these
 * they use; the access policy decides, per caller, which categories of a case they may see.
 */

/** Categories of information on a shared case. A consent or a legal basis names the ones it covers. */
export enum InformationCategory {
  /** Name, birth date, personnummer, language and interpreter need. */
  Identity = 'identity',
  /** Address, phone, email: a person's whereabouts. */
  Contact = 'contact',
  /** Who does what and when: team, statuses, coordination journal entries. */
  Coordination = 'coordination',
  Health = 'health',
  Social = 'social',
  /** Police and probation information (suspicions, sentences, supervision). */
  Criminal = 'criminal',
  Risk = 'risk',
  /** The victim's safety plan and whereabouts (D3): victim-side users only. */
  Safety = 'safety',
}

export const INFORMATION_CATEGORIES: readonly InformationCategory[] =
  Object.values(InformationCategory);

/** Skyddade personuppgifter (D18). Anything but `none` suppresses protected fields. */
export enum ProtectedIdentityLevel {
  None = 'none',
  Sekretessmarkering = 'sekretessmarkering',
  SkyddadFolkbokforing = 'skyddad_folkbokforing',
  FingeradePersonuppgifter = 'fingerade_personuppgifter',
}

export enum ParticipantRole {
  Offender = 'offender',
  Victim = 'victim',
  Child = 'child',
  Individual = 'individual',
  Relative = 'relative',
  Guardian = 'guardian',
}

export enum PersonalNumberKind {
  Personnummer = 'personnummer',
  Samordningsnummer = 'samordningsnummer',
  /** A local reserve number for people without a Swedish identity number. */
  Reserve = 'reserve',
}

export enum ConsentForm {
  Written = 'written',
  Oral = 'oral',
}

/** Provisions that allow disclosure without consent (sekretessbrytande bestämmelser, D16). */
export enum LegalProvision {
  /** OSL 10 kap. 18 c §: to the police, to prevent serious violence against a närstående. */
  Osl10Kap18c = 'osl_10_18c',
  /** OSL 10 kap. 2 §: necessary for the disclosing authority's own work. */
  Osl10Kap2 = 'osl_10_2',
  /** OSL 10 kap. 21–23 §§: suspicion of serious crime. */
  Osl10Kap21 = 'osl_10_21',
  /** SoL 14 kap. 1 § (anmälningsplikt) and similar duties to report. */
  DutyToReport = 'duty_to_report',
  /** Any other provision, named in free text. */
  Other = 'other',
}

/** Why the policy let a caller in: recorded with every audited access. */
export enum AccessBasis {
  /** The caller's own organisation owns the case (handler, owning unit or team member). */
  Owner = 'owner',
  /** A team member of another organisation, through the person's consent. */
  Consent = 'consent',
  /** A team member of another organisation, through a recorded legal basis. */
  LegalBasis = 'legal_basis',
  /** Nödåtkomst (D17). */
  Emergency = 'emergency',
}

/** The caller's relation to a case, as the audit review sees it. */
export enum CaseRelation {
  Handler = 'handler',
  Team = 'team',
  OwningUnit = 'owning_unit',
  None = 'none',
}

/** Why the policy refused: the client explains it; the API never says more than this. */
export enum AccessDenialReason {
  RoleNotPermitted = 'role_not_permitted',
  NoRelation = 'no_relation',
  NoConsent = 'no_consent',
  NotOwner = 'not_owner',
  CaseClosed = 'case_closed',
}
