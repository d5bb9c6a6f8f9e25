import { userInfo } from 'node:os';
import { askControl, readEndpoint } from '../control/client.js';
import { endpointFile } from '../control/place.js';
import { NightshiftError } from '../errors.js';
import { configFrom } from './runtime.js';
import { defineCommand } from './types.js';

export default defineCommand({
  name: 'answer',
  summary: 'answer what an agent is parked on, from any terminal, through the running night',
  usage: `Usage: nightshift answer AGENT [CHOICE | --text "…" | --decline [--text NOTE]] [--json]

Answers the question or dialog AGENT waits on, through the running night (its control
endpoint) and its actuator: the screen must still be the one you saw, the guard judges the
text, and the journal names you (your login name) as the one who answered. See what is
parked and the choices offered with \`nightshift status\`.

  CHOICE          a question menu's choice by its number (1 approves a permission dialog)
  --text "…"      typed into the question's own free-text choice (or the agent's input box)
  --decline       refuse: the dialog's own No (then --text as the note), Escape on a question`,
  options: { text: { type: 'string' }, decline: { type: 'boolean' } },
  allowPositionals: true,
  async run(args, io) {
    const { config } = await configFrom(args, io);
    const [agent, choice] = args.positionals;
    if (!agent)
      throw new NightshiftError(
        'USAGE',
        'name the agent: nightshift answer AGENT [CHOICE | --text "…" | --decline]',
      );
    const number = choice === undefined ? undefined : Number(choice);
    if (number !== undefined && !(Number.isInteger(number) && number >= 1))
      throw new NightshiftError('USAGE', `"${choice}" is not a choice number (see nightshift status)`);
    const endpoint = readEndpoint(endpointFile(config.stateDir));
    if (!endpoint)
      throw new NightshiftError(
        'NO_RUNNER',
        `no night is running for ${config.stateDir} (no control endpoint): nothing answered`,
      );
    const body = {
      agent,
      person: userInfo().username,
      ...(number !== undefined ? { choice: number } : {}),
      ...(typeof args.values.text === 'string' ? { text: args.values.text } : {}),
      decline: args.values.decline === true,
    };
    const reply = await askControl(endpoint, 'answer', body, { timeoutMs: 40_000 });
    if (args.values.json) io.stdout.write(`${JSON.stringify(reply)}\n`);
    if (!reply.ok) {
      if (!args.values.json) io.stderr.write(`nightshift answer: ${reply.error.message}\n`);
      return 1;
    }
    const result = reply.result as { outcome: { ok: boolean; reason?: string; verified?: boolean } };
    if (!args.values.json)
      io.stdout.write(
        result.outcome.ok
          ? `answered ${agent}${result.outcome.verified ? '' : ' (not verified on screen)'}\n`
          : `not answered: ${result.outcome.reason}\n`,
      );
    return result.outcome.ok ? 0 : 1;
  },
});
