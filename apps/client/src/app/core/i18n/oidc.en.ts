import type { oidcSv } from './oidc.sv';

/** English texts of sign-in through the organisation's identity provider (issue 16); spread into `en`. */
export const oidcEn: Readonly<Record<keyof typeof oidcSv, string>> = {
  'oidc.providersTitle': 'Sign in through your organisation',
  'oidc.signInWith': 'Sign in with {name}',
  'oidc.or': 'or with username and password',
  'oidc.refusedTitle': 'Sign-in refused',
  'oidc.refused.unknown_provider': 'This sign-in service is not known to Samsyn.',
  'oidc.refused.provider_unavailable':
    "Your organisation's sign-in service could not be reached. Try again in a while.",
  'oidc.refused.provider_error': 'The sign-in was cancelled or refused at the sign-in service.',
  'oidc.refused.state_invalid':
    'The sign-in could not be completed: it took too long, was already used or was not started here. Start again from the sign-in page.',
  'oidc.refused.response_invalid':
    "The sign-in service's answer could not be accepted. Start again from the sign-in page.",
  'oidc.refused.unknown_identity':
    "You are not a Samsyn user of the organisation you signed in with. Ask your organisation's administrator to add you.",
  'oidc.refused.user_inactive':
    "Your Samsyn account is deactivated. Contact your organisation's administrator.",
  'oidc.refused.organisation_inactive':
    "Your organisation is deactivated in Samsyn. Contact Samsyn's system administrator.",
  'oidc.refused.unknown': 'The sign-in was refused.',
  'oidc.refusedAudited': 'The attempt has been logged.',
  'oidc.backToSignIn': 'Back to sign-in',
  'auditAction.auth.oidc_sign_in': "Signed in through the organisation's sign-in service",
  'auditAction.auth.oidc_refused': "Refused sign-in through the organisation's sign-in service",
};
