import {
  provideHttpClient,
  withFetch,
  withInterceptors,
  withXsrfConfiguration,
} from '@angular/common/http';
import {
  type ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { TitleStrategy, provideRouter } from '@angular/router';
import { CSRF_COOKIE, CSRF_HEADER } from '@samsyn/common';
import { APP_ROUTES } from './app.routes';
import { sessionExpiredInterceptor } from './core/auth/session-expired.interceptor';
import { I18nService } from './core/i18n/i18n.service';
import { TranslatedTitleStrategy } from './core/i18n/translated-title.strategy';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    // A browser that chose English last waits for its dictionary (a chunk of its own) before
    // the first page, rather than showing Swedish first.
    provideAppInitializer(() => inject(I18nService).ready),
    provideRouter(APP_ROUTES),
    { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
    provideHttpClient(
      withFetch(),
      // Echo the API's readable CSRF cookie on every mutating same-origin request.
      withXsrfConfiguration({ cookieName: CSRF_COOKIE, headerName: CSRF_HEADER }),
      withInterceptors([sessionExpiredInterceptor]),
    ),
  ],
};
