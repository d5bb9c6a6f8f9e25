import { definePack } from '../../../invocation.js';
import { deployChecks } from './deploy.js';
import { exposureChecks } from './exposure.js';
import { flowChecks } from './flows.js';
import { gitFlowChecks } from './git-flows.js';
import { publishChecks } from './publish.js';
import { redirectChecks } from './redirects.js';
import * as rules from './rules.js';
import { scriptChecks } from './scripts.js';

export const egressPack = definePack({
  id: 'core.egress',
  summary:
    'what leaves the machine: publishes, deploys, release scripts, code and secrets sent to hosts the project does not trust, the machine opened to others',
  rules: Object.values(rules),
  checks: [
    ...publishChecks,
    ...deployChecks,
    ...scriptChecks,
    ...flowChecks,
    ...gitFlowChecks,
    ...exposureChecks,
    ...redirectChecks,
  ],
});
