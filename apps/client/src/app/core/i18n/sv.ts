/**
 * Swedish texts: the default language and the source of every translation key. Keys are flat
 * and dotted (`area.thing`); `{name}` marks a value filled in at run time.
 */
export const sv = {
  'app.name': 'Samsyn',
  'app.tagline': 'Samordning i arbetet mot våld i nära relationer',
  'a11y.skipToMain': 'Hoppa till huvudinnehållet',

  'nav.label': 'Huvudmeny',
  'nav.cases': 'Mina ärenden',
  'nav.home': 'Samsyn, startsida',

  'language.label': 'Språk',

  'user.menu': 'Användarmeny',
  'user.signOut': 'Logga ut',

  'signIn.title': 'Logga in',
  'signIn.intro': 'Logga in med det användarnamn och lösenord du har fått av din organisation.',
  'signIn.username': 'Användarnamn',
  'signIn.password': 'Lösenord',
  'signIn.submit': 'Logga in',
  'signIn.submitting': 'Loggar in…',
  'signIn.usernameRequired': 'Ange ditt användarnamn.',
  'signIn.passwordRequired': 'Ange ditt lösenord.',
  'signIn.signedOut': 'Du är utloggad.',
  'signIn.sessionExpired': 'Din session har gått ut. Logga in igen.',

  'cases.title': 'Mina ärenden',
  'cases.emptyTitle': 'Du har inga ärenden ännu.',
  'cases.emptyHint':
    'När du blir tilldelad ett ärende eller tar del av ett gemensamt ärende visas det här.',

  'error.VALIDATION_FAILED': 'Kontrollera uppgifterna och försök igen.',
  'error.AUTHENTICATION_REQUIRED': 'Du behöver logga in.',
  'error.INVALID_CREDENTIALS': 'Fel användarnamn eller lösenord.',
  'error.ACCOUNT_LOCKED':
    'Kontot är tillfälligt låst efter för många misslyckade inloggningar. Försök igen senare.',
  'error.TOO_MANY_REQUESTS': 'För många inloggningsförsök. Vänta en stund och försök igen.',
  'error.CSRF_TOKEN_INVALID': 'Sidan är inaktuell. Ladda om sidan och försök igen.',
  'error.FORBIDDEN': 'Du har inte behörighet att göra detta.',
  'error.NOT_FOUND': 'Det du söker finns inte.',
  'error.CONFLICT': 'Uppgifterna krockar med befintliga uppgifter.',
  'error.VERSION_CONFLICT': 'Någon annan har ändrat uppgifterna. Ladda om och försök igen.',
  'error.PAYLOAD_TOO_LARGE': 'Det du skickade är för stort.',
  'error.SERVICE_UNAVAILABLE': 'Tjänsten är inte tillgänglig just nu. Försök igen om en stund.',
  'error.INTERNAL_ERROR': 'Något gick fel. Försök igen.',
  'error.network': 'Det gick inte att nå Samsyn. Kontrollera anslutningen och försök igen.',
  'error.unknown': 'Något gick fel. Försök igen.',
};

export type TranslationKey = keyof typeof sv;

/** A complete set of texts in one language: exactly the Swedish keys, no more, no fewer. */
export type Dictionary = Readonly<Record<TranslationKey, string>>;
