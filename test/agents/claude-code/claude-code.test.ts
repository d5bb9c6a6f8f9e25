// The real Claude Code CLI at its pinned version, supervised by a real night: `npm run test:agents`.
import { benchAgent } from '../harness/suite.js';
import { claudeCode } from './adapter.js';
import { scenarios } from './scenarios.js';

benchAgent(claudeCode, scenarios);
