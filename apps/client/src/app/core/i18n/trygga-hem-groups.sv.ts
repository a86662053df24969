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
};
