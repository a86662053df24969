/**
 * Agreement enums without decorators, so that the browser bundle can import them without
 * loading class-validator/class-transformer metadata (see agreement.dto.ts for the DTOs).
 */

/** What kind of cooperation agreement it is (D25). */
export enum AgreementKind {
  /** Samverkansöverenskommelse, e.g. municipality and police. */
  Cooperation = 'cooperation',
  /** Överenskommelse between the region and the municipalities (e.g. on SIP, D10). */
  RegionMunicipality = 'region_municipality',
  Other = 'other',
}

/** Filter of `GET /agreements`: where the agreement stands today. */
export enum AgreementStatusFilter {
  /** In force today (including those that expire soon). */
  InForce = 'in_force',
  /** In force today and ending within the warning window (90 days). */
  Expiring = 'expiring',
  Upcoming = 'upcoming',
  Expired = 'expired',
}
