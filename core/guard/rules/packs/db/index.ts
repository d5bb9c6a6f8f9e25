import { definePack } from '../../../invocation.js';
import { clientChecks } from './clients.js';
import { consoleChecks } from './consoles.js';
import { frameworkChecks } from './frameworks.js';
import * as rules from './rules.js';
import { storeChecks } from './stores.js';

export const dbPack = definePack({
  id: 'core.db',
  summary:
    'databases: SQL judged by effect in every client, console and migration tool: drops, bulk writes, admin, dynamic SQL; framework resets',
  rules: Object.values(rules),
  checks: [...clientChecks, ...consoleChecks, ...storeChecks, ...frameworkChecks],
});
