import { readFileSync } from 'node:fs';
import { e2eContext } from './env';

/** Every route the app mapped, read from Nest's start-up log ("Mapped {/api/x/:id, GET} (version: 1) route"). */
export function mappedRoutes(): { method: string; path: string }[] {
  const log = readFileSync(e2eContext().routesFile, 'utf8');
  return [...log.matchAll(/Mapped \{([^,]+), (\w+)\} \(version: (\w+)\) route/g)].map(
    ([, path, method, version]) => ({
      method,
      path: version === 'Neutral' ? path : path.replace(/^\/api/, `/api/v${version}`),
    }),
  );
}
