/**
 * Swedish texts for the Trygga hem case page's risk assessment and skyddsplan forms and for
 * marking actions done (issue 6 §3–§6), spread into `sv`.
 */
export const tryggaHemAssessSv = {
  'th.assess.new': 'Ny riskbedömning',
  'th.assess.formTitle': 'Registrera en riskbedömning',
  'th.assess.reassessTitle': 'Ny bedömning med {instrument}',
  'th.assess.forAgency':
    'Bedömningen registreras för {organisation} med dig, {name}, som bedömare. Andra myndigheters bedömningar påverkas inte.',
  'th.assess.instrument': 'Instrument',
  'th.assess.instrumentName': 'Instrumentets namn',
  'th.assess.instrumentVersion': 'Version (valfritt)',
  'th.assess.assessedOn': 'Bedömningsdatum',
  'th.assess.level': 'Risknivå',
  'th.assess.reviewOn': 'Ses över senast',
  'th.assess.reviewHint': 'Risk är färskvara: välj när bedömningen ska göras om.',
  'th.assess.summary': 'Sammanfattning (valfritt)',
  'th.assess.save': 'Spara riskbedömningen',
  'th.assess.cancel': 'Avbryt',
  'th.assess.saved': 'Riskbedömningen med {instrument} är sparad.',
  'th.assess.reviewBeforeAssessed': 'Översynsdatumet kan inte vara före bedömningsdatumet.',
  'th.assess.inFuture': 'Datumet kan inte vara i framtiden.',
  'th.assess.dueTitle': 'Dags att göra om bedömningen',
  'th.assess.dueIncident': '{instrument}, {organisation}: en ny händelse kräver en ny bedömning.',
  'th.assess.dueDate': '{instrument}, {organisation}: skulle ses över senast {date}.',
  'th.assess.reassess': 'Ny bedömning med {instrument}',
  'th.assess.otherAgency': 'Görs av {organisation}.',

  'th.safetyForm.forPerson': 'Skyddsplan för {name}',
  'th.safetyForm.none': 'Ingen skyddsplan ännu.',
  'th.safetyForm.write': 'Skriv skyddsplan',
  'th.safetyForm.edit': 'Ändra skyddsplanen',
  'th.safetyForm.editLabel': 'Ändra skyddsplanen för {name}',
  'th.safetyForm.writeLabel': 'Skriv skyddsplan för {name}',
  'th.safetyForm.plan': 'Plan',
  'th.safetyForm.support': 'Stöd (valfritt)',
  'th.safetyForm.supportHint': 'Till exempel stödsamtal eller kontakt med kvinnojour.',
  'th.safetyForm.whereabouts': 'Vistelseort (valfritt)',
  'th.safetyForm.whereaboutsHint':
    'Den känsligaste uppgiften: visas bara för dem som arbetar med den våldsutsatta.',
  'th.safetyForm.save': 'Spara skyddsplanen',
  'th.safetyForm.cancel': 'Avbryt',
  'th.safetyForm.saved': 'Skyddsplanen för {name} är sparad.',
  'th.safetyForm.conflict':
    'Någon annan har ändrat skyddsplanen medan du skrev. Den senaste versionen visas ovan; din text finns kvar i formuläret. Jämför och spara igen.',
  'th.safetyForm.unknownPerson': 'Våldsutsatt eller barn',

  'th.actionStatus.status': 'Status',
  'th.actionStatus.markDone': 'Markera som klar',
  'th.actionStatus.reopen': 'Öppna igen',
  'th.actionStatus.done': 'Åtgärden ”{description}” är markerad som klar.',
  'th.actionStatus.reopened': 'Åtgärden ”{description}” är öppen igen.',
  'th.actionStatus.conflict':
    'Någon annan har ändrat åtgärden. Uppgifterna är omladdade; försök igen om det behövs.',
};
