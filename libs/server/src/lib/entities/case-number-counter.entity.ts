import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last case number handed out per programme prefix and year (incremented in the case's transaction). */
@Entity('case_number_counters')
export class CaseNumberCounterEntity {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  prefix!: string;

  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ type: 'int' })
  lastValue!: number;
}
