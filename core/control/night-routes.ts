// The night's control routes: each feature that answers requests from outside the runner (`hook`, `answer`, `status`)
// adds one maker to NIGHT_ROUTES; the night registers them all when it opens its endpoint.
import { hookRoute } from '../hooks/route.js';
import { answerRoute } from './answer-route.js';
import type { NightRouteMaker } from './night-parts.js';

export type { NightParts, NightRouteMaker } from './night-parts.js';

/** Every route the runner answers during a night. Add a feature's maker here. */
export const NIGHT_ROUTES: readonly NightRouteMaker[] = [hookRoute, answerRoute];
