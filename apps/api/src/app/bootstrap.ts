import { VersioningType } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { API_PREFIX, API_VERSION } from '@samsyn/common';
import type { EnvironmentVariables } from '@samsyn/server';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { resolve } from 'node:path';
import { AppModule } from './app.module';
import { serveClientAssets } from './common/client-assets';
import { noStore } from './common/no-store';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { createValidationPipe } from './common/validation';

/** Builds the HTTP application exactly as production runs it. */
export async function createApp(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  const config = app.get<ConfigService<EnvironmentVariables, true>>(ConfigService);

  app.disable('x-powered-by');
  // No ETags on API answers (Express makes weak ones by default), and nothing of them stored.
  app.set('etag', false);
  app.use(`/${API_PREFIX}`, noStore);
  app.set('trust proxy', config.get('TRUST_PROXY_HOPS', { infer: true }));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Angular Material and Swagger UI set inline styles.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  app.use(cookieParser());
  app.useBodyParser('json', { limit: '1mb' });
  app.setGlobalPrefix(API_PREFIX);
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: API_VERSION });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Samsyn API')
      .setDescription('Case coordination for work against violence in close relationships.')
      .setVersion(API_VERSION)
      .addCookieAuth('samsyn_sid')
      .build(),
  );
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, document, {
    jsonDocumentUrl: `${API_PREFIX}/docs-json`,
  });

  serveClient(app, config.get('CLIENT_DIST_DIR', { infer: true }));
  return app;
}

/**
 * Serves the built Angular client (precompressed, hashed files immutable), with index.html for
 * every non-API path (client-side routes).
 */
function serveClient(app: NestExpressApplication, dir: string): void {
  if (!dir) return;
  const root = resolve(dir);
  const handler = serveClientAssets(root, API_PREFIX);
  if (!handler) {
    app.get(Logger).warn(`No built client at ${root}; serving the API only`);
    return;
  }
  app.use(handler);
}
