import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ATTENDANCE_MAX_PEOPLE, ATTENDANCE_MAX_UNITS } from './meeting-attendance';

/** One unit present: its Samsyn users by id, and how many others came for it (no names). */
export class AttendedUnitInputDto {
  @IsUUID('all', { message: 'unitId must be a unit id' })
  unitId!: string;

  @IsArray()
  @ArrayMaxSize(ATTENDANCE_MAX_PEOPLE)
  @ArrayUnique({ message: 'userIds must not name a person twice' })
  @IsUUID('all', { each: true, message: 'userIds must be user ids' })
  userIds!: string[];

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(ATTENDANCE_MAX_PEOPLE)
  otherParticipants?: number;
}

/**
 * `PUT /sip/meetings/:id/attendance`, `PUT /trygga-hem/meetings/:id/attendance`: who took part,
 * replacing what was recorded. `version` is the meeting's; a stale one is 409 VERSION_CONFLICT.
 */
export class RecordAttendanceDto {
  @IsInt()
  @Min(1)
  version!: number;

  @IsArray()
  @ArrayMaxSize(ATTENDANCE_MAX_UNITS)
  @ValidateNested({ each: true })
  @Type(() => AttendedUnitInputDto)
  units!: AttendedUnitInputDto[];
}
