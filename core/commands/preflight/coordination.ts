import { statSync } from 'node:fs';
import { absolute, field, text } from './raw.js';
import { error, warning, type CheckProblem, type ConfigCheck } from './types.js';

/** The coordination file and status log the report reads: missing is a warning (agents may create them), a folder is an error. */
export const coordinationCheck: ConfigCheck = {
  name: 'coordination',
  run(draft) {
    const coordination = field(draft.raw, 'coordination');
    const problems: CheckProblem[] = [];
    for (const key of ['file', 'statusLog'] as const) {
      const written = text(coordination, key);
      if (!written) continue;
      const file = absolute(draft, written);
      const path = `coordination.${key}`;
      try {
        if (statSync(file).isDirectory())
          problems.push(error(path, `${file} is a folder: give the file the agents write to`));
      } catch {
        problems.push(
          warning(
            path,
            `${file} does not exist yet: the report reads it from there, so the agents' tasks should tell them to write it there`,
          ),
        );
      }
    }
    return { problems };
  },
};
