/** Swedish texts of the statistics page (issue 17); spread into `sv`. Table titles and column
 * labels are shared with the CSV (`@samsyn/common` statistics-labels). */
export const statisticsSv = {
  'nav.statistics': 'Statistik',
  'statistics.title': 'Statistik',
  'statistics.intro':
    'Indikatorerna för uppföljningen av överenskommelserna: andel våldsärenden med SIP, tid till kallelse och överenskommen plan, Trygga hem över tid och ärenden per våldsform. Inga personuppgifter.',
  'statistics.agreement': 'Överenskommelse',
  'statistics.noAgreement': 'Ingen (alla ärenden)',
  'statistics.municipality': 'Kommun',
  'statistics.allMunicipalities': 'Alla kommuner',
  'statistics.programme': 'Program',
  'statistics.allProgrammes': 'Alla program',
  'statistics.periodLabel': 'Indelning',
  'statistics.period.month': 'Månad',
  'statistics.period.quarter': 'Kvartal',
  'statistics.period.year': 'År',
  'statistics.from': 'Från och med',
  'statistics.to': 'Till och med',
  'statistics.dateOrder': 'Till och med kan inte vara före från och med.',
  'statistics.show': 'Visa',
  'statistics.downloadCsv': 'Ladda ner CSV',
  'statistics.showing': 'Visar {from} – {to}.',
  'statistics.deadlines':
    'Tidsgränser: kallelse inom {summons} dagar efter utskrivningsklar, första möte inom {meeting} dagar efter begäran.',
  'statistics.chartsHidden':
    'Diagrammen utelämnar dolda antal; tabellen under varje diagram visar alla värden.',
  'statistics.chartLeavesOut':
    'Diagrammet utelämnar dolda antal (”< 5”, ”x”) och värden med för få ärenden; se tabellen.',
  'statistics.tableOf': '{title}, som tabell',
  'statistics.tooFew': 'för få ärenden för att visas',
  'statistics.empty': 'Det finns inga ärenden i perioden med de valda filtren.',
} as const;
