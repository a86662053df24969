import type { tryggaHemGroupsSv } from './trygga-hem-groups.sv';

/** English texts for managing koordinatorsgrupper (issue 6, D2), spread into `en`. */
export const tryggaHemGroupsEn: Readonly<Record<keyof typeof tryggaHemGroupsSv, string>> = {
  'th.groupAdmin.create': 'New coordinator group',
  'th.groupAdmin.createTitle': 'Create a coordinator group',
  'th.groupAdmin.createHint':
    'One group per municipality. Once the group exists, add members from social services, the police, Frivård and the region.',
  'th.groupAdmin.name': 'Name of the group',
  'th.groupAdmin.municipality': 'Municipality',
  'th.groupAdmin.municipalityHint': 'Municipalities that already have a group are not listed.',
  'th.groupAdmin.noFreeMunicipality': 'Every municipality already has a coordinator group.',
  'th.groupAdmin.schedule': 'Meeting schedule',
  'th.groupAdmin.scheduleHint': 'For example “Every other Tuesday 09.00–11.00”.',
  'th.groupAdmin.submitCreate': 'Create the group',
  'th.groupAdmin.created': 'The coordinator group {name} has been created.',
  'th.groupAdmin.municipalityTaken':
    'The municipality already has a coordinator group. Choose another municipality or open the existing group.',
  'th.groupAdmin.edit': 'Change name and meeting schedule',
  'th.groupAdmin.editTitle': 'Change name and meeting schedule',
  'th.groupAdmin.save': 'Save the changes',
  'th.groupAdmin.saved': 'The group’s details have been saved.',
  'th.groupAdmin.conflict':
    'Someone else changed the group after you opened it. Reload to see the latest version; what you changed stays in the form.',
  'th.groupAdmin.reloaded':
    'The group has been reloaded. Check the details and save again if your changes should apply.',
  'th.groupAdmin.addMember': 'Add a member',
  'th.groupAdmin.addMemberHint':
    'Search case workers of the municipality’s social services, the police, Frivård and the region. The member acts for their organisation and joins the team of the group’s cases.',
  'th.groupAdmin.user': 'Person',
  'th.groupAdmin.userHint': 'Type part of the name and choose the person from the list.',
  'th.groupAdmin.searching': 'Searching …',
  'th.groupAdmin.noCandidates': 'Nobody matches the search.',
  'th.groupAdmin.add': 'Add',
  'th.groupAdmin.added': '{name} has been added to the group.',
  'th.groupAdmin.alreadyMember': 'The person is already a member of the group.',
  'th.groupAdmin.actions': 'Actions',
  'th.groupAdmin.remove': 'Remove',
  'th.groupAdmin.removeLabel': 'Remove {name} from the group',
  'th.groupAdmin.removeTitle': 'Remove the member?',
  'th.groupAdmin.removeMessage':
    '{name} is removed from the coordinator group and from the team of the group’s cases. A role the person was given directly on a case stays.',
  'th.groupAdmin.removed': '{name} has been removed from the group.',
  // Issue 15: enrolling and leaving the caseload; the samordnare’s group page.
  'th.enrol.title': 'Refer to a koordinatorsgrupp',
  'th.enrol.hint':
    'The case joins the group’s caseload with its priority, risk and meetings. The group’s members join the case team; other agencies see only what a consent or a provision permitting disclosure allows.',
  'th.enrol.group': 'Coordinator group',
  'th.enrol.submit': 'Refer to the group',
  'th.enrol.done': 'The case has been referred to {group}.',
  'th.enrol.noGroup':
    'The case’s municipality has no koordinatorsgrupp yet. A coordinator can set one up.',
  'th.leave.open': 'Take off the group’s caseload',
  'th.leave.title': 'Take the case off the group’s caseload',
  'th.leave.hint':
    'The case and everything recorded stay. It leaves the board and new agendas, its Trygga hem reminders stop and the group’s members leave the team. The reason is kept.',
  'th.leave.outcome': 'How the case leaves the caseload',
  'th.leave.closed': 'Closed in the group – the work is done',
  'th.leave.removed': 'Removed – does not belong in the group',
  'th.leave.reason': 'Reason',
  'th.leave.submit': 'Take off the caseload',
  'th.leave.done': 'The case has left the group’s caseload.',
  'th.leave.exitTitle': 'The case has left the koordinatorsgrupp',
  'th.leave.exitClosed': 'Closed in {group} by {name}, {date}.',
  'th.leave.exitRemoved': 'Removed from {group} by {name}, {date}.',
  'th.group.schedule.title': 'Meeting schedule',
  'th.group.schedule.managerNote':
    'The agenda and the minutes belong to the group’s members: they chair the meeting and approve the minutes.',
  'th.group.schedule.none': 'No meetings are scheduled.',
  'th.group.callMeeting': 'Call a meeting',
  'th.group.callMeetingHint':
    'The meeting is added to the group’s schedule with an agenda proposed from the caseload.',
  'th.group.callSubmit': 'Call the meeting',
  'th.group.meetingCalled': 'The meeting on {date} has been added to the schedule.',
  'th.group.figures': 'The group’s figures',
  'th.group.figuresHint':
    'Cases and records in the municipality this year, with nothing about individuals.',
  'th.group.figuresLink': 'All figures',
};
