/**
 * Swedish texts for managing koordinatorsgrupper (issue 6, D2): creating a group, editing its
 * name and meeting schedule, adding and removing members. Spread into `sv`.
 */
export const tryggaHemGroupsSv = {
  'th.groupAdmin.create': 'Ny koordinatorsgrupp',
  'th.groupAdmin.createTitle': 'Skapa en koordinatorsgrupp',
  'th.groupAdmin.createHint':
    'En grupp per kommun. När gruppen är skapad lägger du till medlemmar från socialtjänsten, polisen, Frivården och regionen.',
  'th.groupAdmin.name': 'Gruppens namn',
  'th.groupAdmin.municipality': 'Kommun',
  'th.groupAdmin.municipalityHint': 'Kommuner som redan har en grupp visas inte.',
  'th.groupAdmin.noFreeMunicipality': 'Alla kommuner har redan en koordinatorsgrupp.',
  'th.groupAdmin.schedule': 'Mötestider',
  'th.groupAdmin.scheduleHint': 'Till exempel ”Varannan tisdag 09.00–11.00”.',
  'th.groupAdmin.submitCreate': 'Skapa gruppen',
  'th.groupAdmin.created': 'Koordinatorsgruppen {name} är skapad.',
  'th.groupAdmin.municipalityTaken':
    'Kommunen har redan en koordinatorsgrupp. Välj en annan kommun eller öppna den befintliga gruppen.',
  'th.groupAdmin.edit': 'Ändra namn och mötestider',
  'th.groupAdmin.editTitle': 'Ändra namn och mötestider',
  'th.groupAdmin.save': 'Spara ändringarna',
  'th.groupAdmin.saved': 'Gruppens uppgifter är sparade.',
  'th.groupAdmin.conflict':
    'Någon annan har ändrat gruppen sedan du öppnade den. Ladda om för att se den senaste versionen; det du har ändrat finns kvar i formuläret.',
  'th.groupAdmin.reloaded':
    'Gruppen är omladdad. Kontrollera uppgifterna och spara igen om dina ändringar ska gälla.',
  'th.groupAdmin.addMember': 'Lägg till medlem',
  'th.groupAdmin.addMemberHint':
    'Sök bland handläggare i kommunens socialtjänst, polisen, Frivården och regionen. Medlemmen företräder sin organisation och kommer med i teamet för gruppens ärenden.',
  'th.groupAdmin.user': 'Person',
  'th.groupAdmin.userHint': 'Skriv en del av namnet och välj personen i listan.',
  'th.groupAdmin.searching': 'Söker …',
  'th.groupAdmin.noCandidates': 'Ingen person matchar sökningen.',
  'th.groupAdmin.add': 'Lägg till',
  'th.groupAdmin.added': '{name} är tillagd i gruppen.',
  'th.groupAdmin.alreadyMember': 'Personen är redan medlem i gruppen.',
  'th.groupAdmin.actions': 'Åtgärder',
  'th.groupAdmin.remove': 'Ta bort',
  'th.groupAdmin.removeLabel': 'Ta bort {name} ur gruppen',
  'th.groupAdmin.removeTitle': 'Ta bort medlem?',
  'th.groupAdmin.removeMessage':
    '{name} tas bort ur koordinatorsgruppen och ur teamet för gruppens ärenden. En roll som personen har fått direkt i ett ärende finns kvar.',
  'th.groupAdmin.removed': '{name} är borttagen ur gruppen.',
  // Issue 15: enrolling and leaving the caseload; the samordnare’s group page.
  'th.enrol.title': 'Anmäl till koordinatorsgrupp',
  'th.enrol.hint':
    'Ärendet kommer upp på gruppens ärendelista med prioritet, risk och möten. Gruppens medlemmar kommer med i ärendets team; andra myndigheter ser bara det som samtycke eller en sekretessbrytande bestämmelse medger.',
  'th.enrol.group': 'Koordinatorsgrupp',
  'th.enrol.submit': 'Anmäl till gruppen',
  'th.enrol.done': 'Ärendet är anmält till {group}.',
  'th.enrol.noGroup':
    'Ärendets kommun har ingen koordinatorsgrupp ännu. En samordnare kan starta en.',
  'th.leave.open': 'Ta ur gruppens ärendelista',
  'th.leave.title': 'Ta ärendet ur gruppens ärendelista',
  'th.leave.hint':
    'Ärendet och allt som registrerats finns kvar. Det försvinner från tavlan och nya dagordningar, ärendets påminnelser i Trygga hem upphör och gruppens medlemmar lämnar teamet. Skälet sparas.',
  'th.leave.outcome': 'Hur ärendet lämnar listan',
  'th.leave.closed': 'Avslutas i gruppen – arbetet är klart',
  'th.leave.removed': 'Tas bort – hör inte hemma i gruppen',
  'th.leave.reason': 'Skäl',
  'th.leave.submit': 'Ta ur ärendelistan',
  'th.leave.done': 'Ärendet har lämnat gruppens ärendelista.',
  'th.leave.exitTitle': 'Ärendet har lämnat koordinatorsgruppen',
  'th.leave.exitClosed': 'Avslutat i {group} av {name}, {date}.',
  'th.leave.exitRemoved': 'Borttaget ur {group} av {name}, {date}.',
  'th.group.schedule.title': 'Mötesplan',
  'th.group.schedule.managerNote':
    'Dagordning och protokoll är gruppens medlemmars: de leder mötet och justerar protokollet.',
  'th.group.schedule.none': 'Inga möten är inlagda.',
  'th.group.callMeeting': 'Kalla till möte',
  'th.group.callMeetingHint':
    'Mötet läggs in i gruppens mötesplan med en dagordning som föreslås från ärendelistan.',
  'th.group.callSubmit': 'Kalla till mötet',
  'th.group.meetingCalled': 'Mötet {date} är inlagt i mötesplanen.',
  'th.group.figures': 'Gruppens siffror',
  'th.group.figuresHint': 'Ärenden och registreringar i kommunen i år, utan uppgifter om enskilda.',
  'th.group.figuresLink': 'Alla siffror',
};
