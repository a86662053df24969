import { type Locale, SET_PASSWORD_PATH, type SetPasswordPurpose } from '@samsyn/common';

/** `<PUBLIC_URL>/losenord/<code>`: the client's page where the code sets a password. */
export function setPasswordLink(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/${SET_PASSWORD_PATH}/${code}`;
}

const STOCKHOLM = 'Europe/Stockholm';

/**
 * The e-mail that carries a one-time set-password link, in the user's language. It names no
 * one and nothing but the link and its expiry: the address alone says whom it is for.
 */
export function setPasswordEmail(
  locale: Locale,
  purpose: SetPasswordPurpose,
  link: string,
  expiresAt: Date,
): { subject: string; text: string } {
  const when = expiresAt.toLocaleString(locale === 'en' ? 'en-GB' : 'sv-SE', {
    timeZone: STOCKHOLM,
    dateStyle: 'long',
    timeStyle: 'short',
  });
  if (locale === 'en') {
    return {
      subject:
        purpose === 'new_user' ? 'Samsyn: choose your password' : 'Samsyn: choose a new password',
      text: [
        purpose === 'new_user'
          ? 'An account in Samsyn has been created for you.'
          : 'Your administrator has reset your password in Samsyn.',
        'Choose your password here (the link works once):',
        '',
        link,
        '',
        `The link is valid until ${when} (Swedish time).`,
        'If you did not expect this message, tell your administrator.',
      ].join('\n'),
    };
  }
  return {
    subject:
      purpose === 'new_user' ? 'Samsyn: välj ditt lösenord' : 'Samsyn: välj ett nytt lösenord',
    text: [
      purpose === 'new_user'
        ? 'Ett konto i Samsyn har skapats åt dig.'
        : 'Din administratör har återställt ditt lösenord i Samsyn.',
      'Välj ditt lösenord här (länken fungerar en gång):',
      '',
      link,
      '',
      `Länken gäller till ${when}.`,
      'Om du inte väntade dig det här meddelandet, kontakta din administratör.',
    ].join('\n'),
  };
}
