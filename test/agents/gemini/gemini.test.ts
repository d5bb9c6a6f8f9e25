// The real Gemini CLI at its pinned version, supervised by a real night: `npm run test:agents`.
import { benchAgent } from '../harness/suite.js';
import { gemini } from './adapter.js';
import { scenarios } from './scenarios.js';

benchAgent(gemini, scenarios);
