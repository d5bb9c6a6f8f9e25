// The real Codex CLI at its pinned version, supervised by a real night: `npm run test:agents`.
import { benchAgent } from '../harness/suite.js';
import { codex } from './adapter.js';
import { scenarios } from './scenarios.js';

benchAgent(codex, scenarios);
