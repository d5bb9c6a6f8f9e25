import { NightshiftError } from '../errors.js';
import { serveNode } from '../hosts/node.js';
import { nightshiftVersion } from '../hosts/version.js';
import { defineCommand } from './types.js';

export default defineCommand({
  name: 'node',
  summary: "a host's side of a fleet, run by the controller over SSH (node --stdio)",
  usage: `Usage: nightshift node --stdio [--state-dir DIR] [--socket NAME]

Run by the controller as \`ssh HOST nightshift node --stdio\` (docs/hosts.md), not by hand. Reads JSON
requests on stdin and answers on stdout until stdin ends; opens no port. It owns this host's tmux server
(tmux -L NAME), the agents' pane logs and its own journal under the state dir, and sends keys to a pane
only when its own look at the pane still matches the screen the controller judged.

  --stdio           talk over stdin and stdout (required)
  --state-dir DIR   where the node keeps its journal and pane logs (default ~/.nightshift; ~ is this host's home)
  --socket NAME     tmux -L socket (default: the user's default tmux server)`,
  options: {
    stdio: { type: 'boolean' },
    'state-dir': { type: 'string' },
    socket: { type: 'string' },
  },
  async run(args, io) {
    if (!args.values.stdio)
      throw new NightshiftError('USAGE', 'nightshift node needs --stdio (the controller runs it over SSH)');
    const stateDir =
      typeof args.values['state-dir'] === 'string' ? args.values['state-dir'] : '~/.nightshift';
    const socket = typeof args.values.socket === 'string' ? args.values.socket : undefined;
    await serveNode({
      stateDir,
      socket,
      version: nightshiftVersion(),
      input: io.stdin,
      output: io.stdout,
      ...(io.env.NIGHTSHIFT_NODE_TMUX_CONF ? { tmuxConfigFile: io.env.NIGHTSHIFT_NODE_TMUX_CONF } : {}),
    });
    return 0;
  },
});
