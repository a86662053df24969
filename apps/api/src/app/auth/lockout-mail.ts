import type { Locale } from '@samsyn/common';

const STOCKHOLM = 'Europe/Stockholm';

/**
 * The e-mail telling a user that their account is locked after repeated failed sign-ins (issue
 * 18): the sign-in page answers a locked account exactly as a wrong password, so the owner hears
 * of the lock this way (or from their administrator). It names no one and links nowhere.
 */
export function lockoutEmail(locale: Locale, lockedUntil: Date): { subject: string; text: string } {
  const when = lockedUntil.toLocaleString(locale === 'en' ? 'en-GB' : 'sv-SE', {
    timeZone: STOCKHOLM,
    dateStyle: 'long',
    timeStyle: 'short',
  });
  if (locale === 'en') {
    return {
      subject: 'Samsyn: your account is temporarily locked',
      text: [
        'Your account in Samsyn has been locked after several failed sign-in attempts.',
        `It stays locked until ${when} (Swedish time); then you can sign in as usual.`,
        '',
        'If it was not you who tried to sign in, tell your administrator. They can also unlock the account sooner.',
      ].join('\n'),
    };
  }
  return {
    subject: 'Samsyn: ditt konto är tillfälligt låst',
    text: [
      'Ditt konto i Samsyn har låsts efter flera misslyckade inloggningsförsök.',
      `Det är låst till ${when}; sedan kan du logga in som vanligt.`,
      '',
      'Om det inte var du som försökte logga in, kontakta din administratör. Administratören kan också låsa upp kontot tidigare.',
    ].join('\n'),
  };
}
