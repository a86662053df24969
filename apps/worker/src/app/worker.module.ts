import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { bullConnection, DatabaseModule } from '@samsyn/server';
import { LoggerModule } from 'nestjs-pino';
import { GallringModule } from './gallring/gallring.module';
import { loggerOptions } from './logging';
import { RemindersModule } from './reminders/reminders.module';
import { validateWorkerEnvironment, type WorkerEnvironment } from './worker-config';

/** The background worker: BullMQ processors on Redis, the durable state in PostgreSQL. No HTTP. */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateWorkerEnvironment, cache: true }),
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<WorkerEnvironment, true>) =>
        loggerOptions(config.get('LOG_LEVEL', { infer: true })),
    }),
    DatabaseModule.forRoot({ applicationName: 'samsyn-worker', allowEmbedded: false }),
    BullModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<WorkerEnvironment, true>) => ({
        connection: bullConnection(config.get('REDIS_URL', { infer: true }), 'worker'),
        prefix: config.get('QUEUE_PREFIX', { infer: true }),
      }),
    }),
    RemindersModule,
    GallringModule,
  ],
})
export class WorkerModule {}
