import { statSync } from 'node:fs';
import { absolute, rawAgents, text } from './raw.js';
import { error, type CheckProblem, type ConfigCheck } from './types.js';

/** Every agent's working directory exists (tmux would silently start it in another folder). */
export const agentCwdCheck: ConfigCheck = {
  name: 'agent folders',
  startsAgents: true,
  run(draft) {
    const problems: CheckProblem[] = [];
    for (const { index, agent } of rawAgents(draft)) {
      const cwd = text(agent, 'cwd') ?? '.';
      const dir = absolute(draft, cwd);
      const path = `agents[${index}].cwd`;
      try {
        if (!statSync(dir).isDirectory())
          problems.push(
            error(path, `${dir} is a file, not a folder: give the project folder the agent works in`),
          );
      } catch {
        problems.push(
          error(
            path,
            `${dir} does not exist: create it or fix the path (relative paths start from ${draft.dir})`,
          ),
        );
      }
    }
    return { problems };
  },
};
