// Opens a night's control endpoint with every route of NIGHT_ROUTES; a failure to open it is journaled, not fatal.
import { ControlRoutes } from './routes.js';
import { startControlServer, type ControlServer } from './server.js';
import { NIGHT_ROUTES, type NightParts, type NightRouteMaker } from './night-routes.js';

/** Starts the endpoint for the night (a fresh secret), or journals why it could not and returns undefined. */
export async function openNightControl(
  parts: NightParts,
  makers: readonly NightRouteMaker[] = NIGHT_ROUTES,
): Promise<ControlServer | undefined> {
  const routes = new ControlRoutes();
  for (const make of makers) routes.add(make(parts));
  try {
    return await startControlServer({
      stateDir: parts.config.stateDir,
      routes,
      onProblem: (message, error) => parts.log.warn({ err: error }, message),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    parts.journal({
      type: 'warning',
      source: 'control',
      message: `the runner's control endpoint could not open (${reason}): agent hooks and \`nightshift answer\` are off tonight, the screen path answers`,
    });
    return undefined;
  }
}
