/** Swedish texts of the second factor (issue 16): sign-in's second step, enrolment; spread into `sv`. */
export const secondFactorSv = {
  'signIn.secondFactorTitle': 'Tvåstegsverifiering',
  'signIn.secondFactorIntro':
    'Öppna autentiseringsappen i din telefon och skriv den sexsiffriga koden som visas för Samsyn.',
  'signIn.recoveryCodeIntro':
    'Skriv en av de återställningskoder du sparade när du lade till tvåstegsverifiering. Varje kod fungerar en gång.',
  'signIn.code': 'Kod från autentiseringsappen',
  'signIn.recoveryCode': 'Återställningskod',
  'signIn.codeRequired': 'Skriv koden från appen.',
  'signIn.recoveryCodeRequired': 'Skriv en återställningskod.',
  'signIn.codeFormat': 'Koden har sex siffror.',
  'signIn.verify': 'Verifiera',
  'signIn.verifying': 'Verifierar…',
  'signIn.useRecoveryCode': 'Använd en återställningskod',
  'signIn.useAppCode': 'Använd koden från appen',
  'signIn.startOver': 'Börja om',
  'signIn.wrongCode':
    'Koden stämmer inte. Skriv koden som appen visar nu. Efter för många misslyckade försök låses kontot en stund.',
  'signIn.wrongRecoveryCode':
    'Återställningskoden stämmer inte eller är redan använd. Efter för många misslyckade försök låses kontot en stund.',
  'signIn.secondFactorExpired': 'Inloggningen tog för lång tid. Logga in igen.',

  'orgAdmin.requireSecondFactor': 'Kräv tvåstegsverifiering',
  'orgAdmin.requireSecondFactorHint':
    'Användare som loggar in med lösenord måste ha en autentiseringsapp, och nödåtkomst kräver en inloggning med tvåstegsverifiering.',

  'secondFactor.menu': 'Tvåstegsverifiering',
  'secondFactor.title': 'Tvåstegsverifiering',
  'secondFactor.intro':
    'Med tvåstegsverifiering loggar du in med lösenordet och en kod från en autentiseringsapp i din telefon. Då räcker det inte att någon får reda på ditt lösenord.',
  'secondFactor.code': 'Kod från autentiseringsappen',
  'secondFactor.codeHint': 'Sex siffror',
  'secondFactor.codeRequired': 'Skriv koden från appen.',
  'secondFactor.codeFormat': 'Koden har sex siffror.',
  'secondFactor.wrongCode': 'Koden stämmer inte. Skriv koden som appen visar nu.',
  'secondFactor.notEnrolledTitle': 'Lägg till en autentiseringsapp',
  'secondFactor.notEnrolledText':
    'Du behöver en autentiseringsapp i telefonen, till exempel Microsoft Authenticator, Google Authenticator eller FreeOTP.',
  'secondFactor.mustEnrol':
    'Din organisation kräver tvåstegsverifiering. Lägg till en autentiseringsapp innan du fortsätter.',
  'secondFactor.requiredByOrganisation':
    'Din organisation kräver tvåstegsverifiering, så den kan inte stängas av.',
  'secondFactor.start': 'Kom igång',
  'secondFactor.scanTitle': 'Koppla appen till Samsyn',
  'secondFactor.stepApp': 'Öppna autentiseringsappen och välj att lägga till ett konto.',
  'secondFactor.stepScan': 'Skanna QR-koden med appen.',
  'secondFactor.qrAlt': 'QR-kod som lägger till Samsyn i autentiseringsappen',
  'secondFactor.manualEntry':
    'Går det inte att skanna? Skriv in den här nyckeln i appen i stället:',
  'secondFactor.secretLabel': 'Nyckel att skriva in i appen',
  'secondFactor.stepConfirm': 'Skriv koden som appen nu visar för Samsyn.',
  'secondFactor.confirm': 'Bekräfta',
  'secondFactor.codesTitle': 'Spara dina återställningskoder',
  'secondFactor.codesSave':
    'Spara koderna nu, till exempel utskrivna på ett säkert ställe. De visas bara den här gången. Med en återställningskod kan du logga in om du inte har telefonen; varje kod fungerar en gång.',
  'secondFactor.codesListLabel': 'Återställningskoder',
  'secondFactor.copy': 'Kopiera koderna',
  'secondFactor.copied': 'Koderna är kopierade.',
  'secondFactor.print': 'Skriv ut',
  'secondFactor.codesSaved': 'Jag har sparat koderna',
  'secondFactor.enrolledNotice': 'Tvåstegsverifiering är på.',
  'secondFactor.enrolledTitle': 'Tvåstegsverifiering är på',
  'secondFactor.enrolledText':
    'När du loggar in med lösenord frågar Samsyn också efter koden från din autentiseringsapp.',
  'secondFactor.codesLeft.one': 'Du har {count} oanvänd återställningskod.',
  'secondFactor.codesLeft.other': 'Du har {count} oanvända återställningskoder.',
  'secondFactor.regenerateTitle': 'Nya återställningskoder',
  'secondFactor.regenerateText':
    'Skapa tio nya koder om du har använt eller tappat bort dina. De gamla slutar då att fungera.',
  'secondFactor.regenerate': 'Skapa nya koder',
  'secondFactor.disableTitle': 'Stäng av tvåstegsverifiering',
  'secondFactor.disableText':
    'Då räcker lösenordet för att logga in, och dina återställningskoder slutar fungera.',
  'secondFactor.disable': 'Stäng av',
  'secondFactor.turnedOff': 'Tvåstegsverifiering är avstängd.',
  'secondFactor.signInAgainTitle': 'Logga in igen med koden',
  'secondFactor.signInAgainText':
    'Du har en autentiseringsapp, men loggade in med bara lösenordet. Logga ut och logga in igen med koden från appen.',

  'error.SIGN_IN_EXPIRED': 'Inloggningen tog för lång tid. Logga in igen.',
  'error.SECOND_FACTOR_ENROLMENT_REQUIRED':
    'Din organisation kräver tvåstegsverifiering. Lägg till en autentiseringsapp först.',
  'error.SECOND_FACTOR_REQUIRED':
    'Din organisation kräver tvåstegsverifiering, så den kan inte stängas av.',
  'error.STRONG_SESSION_REQUIRED':
    'Nödåtkomst kräver att du har loggat in med tvåstegsverifiering. Logga ut och logga in igen med koden från din autentiseringsapp.',

  'auditAction.admin.second_factor_reset': 'Återställde en användares tvåstegsverifiering',
  'auditAction.second_factor.enrol': 'Lade till tvåstegsverifiering',
  'auditAction.second_factor.disable': 'Stängde av tvåstegsverifiering',
  'auditAction.second_factor.recovery_codes': 'Skapade nya återställningskoder',
  'auditAction.second_factor.recovery_code_used': 'Loggade in med en återställningskod',
};
