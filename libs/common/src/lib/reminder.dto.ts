import { IsDateString, IsOptional } from 'class-validator';
import type { Page } from './pagination.dto';

/** Reminder kinds. Each later feature adds its own; `system_test` checks the delivery pipeline. */
export enum ReminderKind {
  SystemTest = 'system_test',
}

export enum ReminderStatus {
  Pending = 'pending',
  Delivered = 'delivered',
  Cancelled = 'cancelled',
  Failed = 'failed',
}

/** `POST /api/v1/reminders/test`: a reminder to yourself, to check that delivery works. */
export class CreateTestReminderDto {
  /** When it falls due (ISO 8601). Defaults to now. */
  @IsOptional()
  @IsDateString({ strict: true })
  dueAt?: string;
}

export interface ReminderDto {
  id: string;
  kind: ReminderKind;
  status: ReminderStatus;
  dueAt: string;
  deliveredAt: string | null;
  attempts: number;
}

/** `GET /notifications`: one page of the caller's notifications and how many are unread in all. */
export interface NotificationPageDto extends Page<NotificationDto> {
  unread: number;
}

export interface NotificationDto {
  id: string;
  kind: ReminderKind;
  caseId: string | null;
  createdAt: string;
  readAt: string | null;
}
