import { definePack } from '../../../invocation.js';
import { deleteChecks } from './delete.js';
import { findChecks } from './find.js';
import * as rules from './rules.js';
import { writeChecks } from './writes.js';

export const fsPack = definePack({
  id: 'core.fs',
  summary: 'deleting, moving away and overwriting files, judged by what the target path is',
  rules: Object.values(rules),
  checks: [...deleteChecks, ...findChecks, ...writeChecks],
});
