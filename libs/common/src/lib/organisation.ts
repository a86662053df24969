/** The kinds of organisation that take part in a shared case (glossary: socialtjänst, region, …). */
export enum OrganisationType {
  Region = 'region',
  Municipality = 'municipality',
  Police = 'police',
  Probation = 'probation',
  CountyBoard = 'county_board',
}

export const ORGANISATION_TYPES: readonly OrganisationType[] = Object.values(OrganisationType);
