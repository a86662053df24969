import { NotificationEntity } from './notification.entity';
import { OrganisationEntity } from './organisation.entity';
import { ReminderEntity } from './reminder.entity';
import { UnitEntity } from './unit.entity';
import { UserSessionEntity } from './user-session.entity';
import { UserEntity } from './user.entity';

export { BaseEntity } from './base.entity';
export {
  NotificationEntity,
  OrganisationEntity,
  ReminderEntity,
  UnitEntity,
  UserEntity,
  UserSessionEntity,
};

/** Every entity; the data source, the migrations and the drift check use this one list. */
export const ENTITIES = [
  OrganisationEntity,
  UnitEntity,
  UserEntity,
  UserSessionEntity,
  ReminderEntity,
  NotificationEntity,
];
