import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { RemindersModule } from '../reminders/reminders.module';
import { HealthController } from './health.controller';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), RemindersModule],
  controllers: [HealthController],
})
export class HealthModule {}
