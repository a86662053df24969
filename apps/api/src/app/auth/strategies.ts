import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { SESSION_COOKIE } from '@samsyn/common';
import type { Request } from 'express';
import { Strategy as CustomStrategy } from 'passport-custom';
import { Strategy as LocalStrategy } from 'passport-local';
import type { AuthenticatedUser } from './authenticated-user';
import { AuthService, type PasswordCheck } from './auth.service';
import { SessionsService } from './sessions.service';

/** Username + password, used only by POST /auth/login. */
@Injectable()
export class PasswordStrategy extends PassportStrategy(LocalStrategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'username', passwordField: 'password' });
  }

  validate(username: string, password: string): Promise<PasswordCheck> {
    return this.auth.validateCredentials(username, password);
  }
}

/** The session cookie, checked on every non-public route. */
@Injectable()
export class SessionStrategy extends PassportStrategy(CustomStrategy, 'session') {
  constructor(private readonly sessions: SessionsService) {
    super();
  }

  async validate(req: Request): Promise<AuthenticatedUser | false> {
    const token = (req.cookies as Record<string, string | undefined> | undefined)?.[SESSION_COOKIE];
    if (!token) return false;
    return (await this.sessions.resolve(token)) ?? false;
  }
}
