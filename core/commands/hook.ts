import { runHookClient } from '../hooks/client.js';
import { defineCommand } from './types.js';

export default defineCommand({
  name: 'hook',
  summary: "an agent's hook: asks the runner about a tool call, prints the answer in the agent's format",
  usage: `Usage: nightshift hook <agent> <event> --channel KIND --endpoint FILE

Run by an agent (Claude Code, Gemini CLI) for each hook event nightshift wired; reads the event's JSON on stdin.
Prints one answer in the agent's format. When the runner cannot be reached, is slow or answers nonsense, the answer
makes no decision: the agent shows its own dialog and the screen path takes over. It never allows by default.

  --channel KIND    claude-settings, codex-config or gemini-system-settings
  --endpoint FILE   the night's <stateDir>/control.json`,
  options: { channel: { type: 'string' }, endpoint: { type: 'string' } },
  allowPositionals: true,
  run: (args, io) =>
    runHookClient(
      [
        ...args.positionals,
        ...(['channel', 'endpoint'] as const).flatMap((f) =>
          typeof args.values[f] === 'string' ? [`--${f}`, args.values[f]] : [],
        ),
      ],
      io,
    ),
});
