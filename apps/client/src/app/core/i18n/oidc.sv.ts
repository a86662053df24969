/** Swedish texts of sign-in through the organisation's identity provider (issue 16); spread into `sv`. */
export const oidcSv = {
  'oidc.providersTitle': 'Logga in via din organisation',
  'oidc.signInWith': 'Logga in med {name}',
  'oidc.or': 'eller med användarnamn och lösenord',
  'oidc.refusedTitle': 'Inloggningen nekades',
  'oidc.refused.unknown_provider': 'Inloggningstjänsten finns inte i Samsyn.',
  'oidc.refused.provider_unavailable':
    'Det gick inte att nå din organisations inloggningstjänst. Försök igen om en stund.',
  'oidc.refused.provider_error': 'Inloggningen avbröts eller nekades hos inloggningstjänsten.',
  'oidc.refused.state_invalid':
    'Inloggningen gick inte att slutföra: den tog för lång tid, gjordes redan eller startades inte här. Börja om från inloggningssidan.',
  'oidc.refused.response_invalid':
    'Svaret från inloggningstjänsten kunde inte godtas. Börja om från inloggningssidan.',
  'oidc.refused.unknown_identity':
    'Du finns inte som användare i Samsyn för den organisation du loggade in hos. Be din organisations administratör att lägga upp dig.',
  'oidc.refused.user_inactive':
    'Ditt konto i Samsyn är avaktiverat. Kontakta din organisations administratör.',
  'oidc.refused.organisation_inactive':
    'Din organisation är avaktiverad i Samsyn. Kontakta Samsyns systemadministratör.',
  'oidc.refused.unknown': 'Inloggningen nekades.',
  'oidc.refusedAudited': 'Försöket har loggats.',
  'oidc.backToSignIn': 'Tillbaka till inloggningen',
  'auditAction.auth.oidc_sign_in': 'Loggade in via organisationens inloggningstjänst',
  'auditAction.auth.oidc_refused': 'Nekades inloggning via organisationens inloggningstjänst',
} as const;
