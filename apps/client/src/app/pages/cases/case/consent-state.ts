import type { ConsentDto, ConsentState } from '@samsyn/common';

/** How a consent state looks: the badge always says the state in words; tone only reinforces it. */
export type Tone = 'positive' | 'warning' | 'danger' | 'muted';

const TONES: Readonly<Record<ConsentState, Tone>> = {
  active: 'positive',
  pending: 'warning',
  expired: 'muted',
  withdrawn: 'danger',
  superseded: 'muted',
};

export function consentTone(state: string): Tone {
  return TONES[state as ConsentState] ?? 'muted';
}

/** A consent in force or not yet in force can be withdrawn; the rest is history. */
export function canWithdraw(consent: Pick<ConsentDto, 'state'>): boolean {
  return consent.state === 'active' || consent.state === 'pending';
}

/** Only the current record of a chain is replaced: a superseded or withdrawn one is history. */
export function canSupersede(consent: Pick<ConsentDto, 'state'>): boolean {
  return consent.state === 'active' || consent.state === 'pending' || consent.state === 'expired';
}

/** Consents in force first, then by when they were recorded, newest first. */
export function sortConsents(consents: readonly ConsentDto[]): ConsentDto[] {
  const rank = (c: ConsentDto) => (c.state === 'active' ? 0 : c.state === 'pending' ? 1 : 2);
  return [...consents].sort(
    (a, b) => rank(a) - rank(b) || b.recordedAt.localeCompare(a.recordedAt),
  );
}
