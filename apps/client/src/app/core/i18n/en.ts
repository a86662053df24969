import type { Dictionary } from './sv';

/** English texts. Typed as a Dictionary, so a missing or unknown key fails the build. */
export const en: Dictionary = {
  'app.name': 'Samsyn',
  'app.tagline': 'Coordinating work against violence in close relationships',
  'a11y.skipToMain': 'Skip to main content',

  'nav.label': 'Main menu',
  'nav.cases': 'My cases',
  'nav.home': 'Samsyn, home',

  'language.label': 'Language',

  'user.menu': 'User menu',
  'user.signOut': 'Sign out',

  'signIn.title': 'Sign in',
  'signIn.intro': 'Sign in with the username and password your organisation gave you.',
  'signIn.username': 'Username',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.submitting': 'Signing in…',
  'signIn.usernameRequired': 'Enter your username.',
  'signIn.passwordRequired': 'Enter your password.',
  'signIn.signedOut': 'You have signed out.',
  'signIn.sessionExpired': 'Your session has expired. Please sign in again.',

  'cases.title': 'My cases',
  'cases.emptyTitle': 'You have no cases yet.',
  'cases.emptyHint': 'Cases you are assigned to or take part in will appear here.',

  'error.VALIDATION_FAILED': 'Check the details and try again.',
  'error.AUTHENTICATION_REQUIRED': 'You need to sign in.',
  'error.INVALID_CREDENTIALS': 'Wrong username or password.',
  'error.ACCOUNT_LOCKED':
    'The account is temporarily locked after too many failed sign-ins. Try again later.',
  'error.TOO_MANY_REQUESTS': 'Too many sign-in attempts. Wait a moment and try again.',
  'error.CSRF_TOKEN_INVALID': 'The page is out of date. Reload the page and try again.',
  'error.FORBIDDEN': 'You are not allowed to do this.',
  'error.NOT_FOUND': 'What you are looking for does not exist.',
  'error.CONFLICT': 'The details conflict with existing details.',
  'error.VERSION_CONFLICT': 'Someone else has changed this. Reload and try again.',
  'error.PAYLOAD_TOO_LARGE': 'What you sent is too large.',
  'error.SERVICE_UNAVAILABLE': 'The service is not available right now. Try again shortly.',
  'error.INTERNAL_ERROR': 'Something went wrong. Try again.',
  'error.network': 'Samsyn could not be reached. Check your connection and try again.',
  'error.unknown': 'Something went wrong. Try again.',
};
