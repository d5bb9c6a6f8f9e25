// `nightshift top`: `nightshift status --watch` under the name people type for a live view.
import { watchStatus } from './status-watch.js';
import { defineCommand } from './types.js';

export default defineCommand({
  name: 'top',
  summary: 'the fleet live: nightshift status --watch',
  usage: `Usage: nightshift top [--interval 2s]

The same as \`nightshift status --watch\` (see \`nightshift status --help\`).`,
  options: { interval: { type: 'string' } },
  run: async (args, io) =>
    watchStatus(
      { ...args, values: { ...args.values, watch: true } },
      io,
      (await import('./status.js')).default,
    ),
});
