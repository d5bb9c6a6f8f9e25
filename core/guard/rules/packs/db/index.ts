import { definePack } from '../../../invocation.js';
import { clientChecks } from './clients.js';
import { frameworkChecks } from './frameworks.js';
import * as rules from './rules.js';
import { storeChecks } from './stores.js';

export const dbPack = definePack({
  id: 'core.db',
  summary:
    'databases: DROP, TRUNCATE, DELETE/UPDATE without WHERE in any client or heredoc, admin tools, framework resets',
  rules: Object.values(rules),
  checks: [...clientChecks, ...storeChecks, ...frameworkChecks],
});
