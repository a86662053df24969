import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type EnvironmentVariables, secretsKey } from '@samsyn/server';
import { AuthModule } from '../auth/auth.module';
import { SecondFactorAdminController } from './second-factor-admin.controller';
import { SecondFactorSignInController } from './second-factor-sign-in.controller';
import { SecondFactorSignInService } from './second-factor-sign-in.service';
import { SecondFactorController } from './second-factor.controller';
import { SecondFactorService } from './second-factor.service';
import { SecretBox } from './secret-box';

/** The second factor of local accounts (issue 16): TOTP, recovery codes, sign-in's second step. */
@Module({
  imports: [AuthModule],
  controllers: [SecondFactorController, SecondFactorSignInController, SecondFactorAdminController],
  providers: [
    SecondFactorService,
    SecondFactorSignInService,
    {
      // Without SECRETS_KEY outside demo mode and tests the API stops here, naming the variable.
      provide: SecretBox,
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>) =>
        new SecretBox(
          secretsKey({
            SECRETS_KEY: config.get('SECRETS_KEY', { infer: true }),
            DEMO_MODE: config.get('DEMO_MODE', { infer: true }),
            NODE_ENV: config.get('NODE_ENV', { infer: true }),
          }),
        ),
    },
  ],
})
export class SecondFactorModule {}
