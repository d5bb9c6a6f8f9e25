import { definePack } from '../../../invocation.js';
import { hostingChecks } from './hosting.js';
import * as rules from './rules.js';
import { gitChecks } from './subcommands.js';

export const gitPack = definePack({
  id: 'core.git',
  summary:
    'git and code hosts: force-push, discarded work, deleted branches and stashes, config that runs commands',
  rules: Object.values(rules),
  checks: [...gitChecks, ...hostingChecks],
});
