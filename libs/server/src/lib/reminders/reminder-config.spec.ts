import { ReminderKind } from '@samsyn/common';
import { DEFAULT_REMINDER_LEAD_DAYS, SCHEDULED_REMINDER_KINDS } from '@samsyn/domain';
import { validateEnvironment } from '../config/environment';
import { REMINDER_DAYS_VARIABLES, reminderLeadDays } from './reminder-config';

describe('reminderLeadDays', () => {
  it('has a variable for every scheduled kind, defaulting to the domain defaults', () => {
    expect(Object.keys(REMINDER_DAYS_VARIABLES).sort()).toEqual(
      [...SCHEDULED_REMINDER_KINDS].sort(),
    );
    const env = validateEnvironment({});
    expect(reminderLeadDays((name) => env[name])).toEqual(DEFAULT_REMINDER_LEAD_DAYS);
  });

  it('reads each kind from its own variable', () => {
    const env = validateEnvironment({
      REMINDER_LEAD_DAYS_CONSENT_EXPIRING: '21',
      REMINDER_CASE_INACTIVE_DAYS: '60',
    });
    const days = reminderLeadDays((name) => env[name]);
    expect(days[ReminderKind.ConsentExpiring]).toBe(21);
    expect(days[ReminderKind.CaseInactive]).toBe(60);
    expect(days[ReminderKind.SipMeeting]).toBe(1);
  });
});
