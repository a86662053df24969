import type { secondFactorSv } from './second-factor.sv';

/** English texts of the second factor (issue 16); spread into `en`. */
export const secondFactorEn: Readonly<Record<keyof typeof secondFactorSv, string>> = {
  'signIn.secondFactorTitle': 'Two-step verification',
  'signIn.secondFactorIntro':
    'Open the authenticator app on your phone and type the six-digit code it shows for Samsyn.',
  'signIn.recoveryCodeIntro':
    'Type one of the recovery codes you saved when you set up two-step verification. Each code works once.',
  'signIn.code': 'Code from the authenticator app',
  'signIn.recoveryCode': 'Recovery code',
  'signIn.codeRequired': 'Type the code from the app.',
  'signIn.recoveryCodeRequired': 'Type a recovery code.',
  'signIn.codeFormat': 'The code has six digits.',
  'signIn.verify': 'Verify',
  'signIn.verifying': 'Verifying…',
  'signIn.useRecoveryCode': 'Use a recovery code',
  'signIn.useAppCode': 'Use the code from the app',
  'signIn.startOver': 'Start over',
  'signIn.wrongCode':
    'The code is not right. Type the code the app shows now. After too many failed attempts the account is locked for a while.',
  'signIn.wrongRecoveryCode':
    'The recovery code is not right or has been used. After too many failed attempts the account is locked for a while.',
  'signIn.secondFactorExpired': 'Signing in took too long. Sign in again.',

  'orgAdmin.requireSecondFactor': 'Require two-step verification',
  'orgAdmin.requireSecondFactorHint':
    'Users who sign in with a password must have an authenticator app, and emergency access needs a sign-in with two-step verification.',

  'secondFactor.menu': 'Two-step verification',
  'secondFactor.title': 'Two-step verification',
  'secondFactor.intro':
    'With two-step verification you sign in with your password and a code from an authenticator app on your phone. Someone who learns your password is then not enough.',
  'secondFactor.code': 'Code from the authenticator app',
  'secondFactor.codeHint': 'Six digits',
  'secondFactor.codeRequired': 'Type the code from the app.',
  'secondFactor.codeFormat': 'The code has six digits.',
  'secondFactor.wrongCode': 'The code is not right. Type the code the app shows now.',
  'secondFactor.notEnrolledTitle': 'Add an authenticator app',
  'secondFactor.notEnrolledText':
    'You need an authenticator app on your phone, for example Microsoft Authenticator, Google Authenticator or FreeOTP.',
  'secondFactor.mustEnrol':
    'Your organisation requires two-step verification. Add an authenticator app before you go on.',
  'secondFactor.requiredByOrganisation':
    'Your organisation requires two-step verification, so it cannot be turned off.',
  'secondFactor.start': 'Get started',
  'secondFactor.scanTitle': 'Connect the app to Samsyn',
  'secondFactor.stepApp': 'Open the authenticator app and choose to add an account.',
  'secondFactor.stepScan': 'Scan the QR code with the app.',
  'secondFactor.qrAlt': 'QR code that adds Samsyn to the authenticator app',
  'secondFactor.manualEntry': 'Cannot scan? Type this key into the app instead:',
  'secondFactor.secretLabel': 'Key to type into the app',
  'secondFactor.stepConfirm': 'Type the code the app now shows for Samsyn.',
  'secondFactor.confirm': 'Confirm',
  'secondFactor.codesTitle': 'Save your recovery codes',
  'secondFactor.codesSave':
    'Save the codes now, for example printed and kept somewhere safe. They are shown only this once. A recovery code lets you sign in without your phone; each code works once.',
  'secondFactor.codesListLabel': 'Recovery codes',
  'secondFactor.copy': 'Copy the codes',
  'secondFactor.copied': 'The codes are copied.',
  'secondFactor.print': 'Print',
  'secondFactor.codesSaved': 'I have saved the codes',
  'secondFactor.enrolledNotice': 'Two-step verification is on.',
  'secondFactor.enrolledTitle': 'Two-step verification is on',
  'secondFactor.enrolledText':
    'When you sign in with your password, Samsyn also asks for the code from your authenticator app.',
  'secondFactor.codesLeft.one': 'You have {count} unused recovery code.',
  'secondFactor.codesLeft.other': 'You have {count} unused recovery codes.',
  'secondFactor.regenerateTitle': 'New recovery codes',
  'secondFactor.regenerateText':
    'Make ten new codes if you have used or lost yours. The old ones then stop working.',
  'secondFactor.regenerate': 'Make new codes',
  'secondFactor.disableTitle': 'Turn off two-step verification',
  'secondFactor.disableText':
    'Your password alone then signs you in, and your recovery codes stop working.',
  'secondFactor.disable': 'Turn off',
  'secondFactor.turnedOff': 'Two-step verification is off.',
  'secondFactor.signInAgainTitle': 'Sign in again with the code',
  'secondFactor.signInAgainText':
    'You have an authenticator app but signed in with your password alone. Sign out and sign in again with the code from the app.',

  'error.SIGN_IN_EXPIRED': 'Signing in took too long. Sign in again.',
  'error.SECOND_FACTOR_ENROLMENT_REQUIRED':
    'Your organisation requires two-step verification. Add an authenticator app first.',
  'error.SECOND_FACTOR_REQUIRED':
    'Your organisation requires two-step verification, so it cannot be turned off.',
  'error.STRONG_SESSION_REQUIRED':
    'Emergency access needs a sign-in with two-step verification. Sign out and sign in again with the code from your authenticator app.',

  'auditAction.admin.second_factor_reset': "Reset a user's two-step verification",
  'auditAction.second_factor.enrol': 'Set up two-step verification',
  'auditAction.second_factor.disable': 'Turned off two-step verification',
  'auditAction.second_factor.recovery_codes': 'Made new recovery codes',
  'auditAction.second_factor.recovery_code_used': 'Signed in with a recovery code',
};
