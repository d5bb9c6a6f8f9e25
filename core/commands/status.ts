import { createTmux } from '../tmux/index.js';
import { classify } from '../screen/index.js';
import { toSnapshot } from '../screen/snapshot.js';
import { configFrom } from './runtime.js';
import { defineCommand } from './types.js';
import { parkedOn } from '../screen/parked.js';

/** The parked lines under an agent's status row, each saying how to answer. */
function describeParked(agent: string, p: NonNullable<ReturnType<typeof parkedOn>>): string {
  const lines = [`  parked on: ${p.what}`];
  for (const c of p.choices)
    if (c.number !== p.freeText) lines.push(`    nightshift answer ${agent} ${c.number}   # ${c.label}`);
  if (p.freeText !== null)
    lines.push(`    nightshift answer ${agent} --text "…"   # typed into its free-text choice`);
  lines.push(`    nightshift answer ${agent} --decline`);
  return `${lines.join('\n')}\n`;
}

export default defineCommand({
  name: 'status',
  summary: "each agent's pane and state right now",
  usage: `Usage: nightshift status [--json] [--watch [--interval 2s]]

Looks at every configured agent's pane once and prints its state (confirm, secret, input,
busy, limit, error, output), the rule that decided it, and the pane. Read-only: it needs no
running daemon and sends nothing. An agent on another host (agents[].host) is listed as remote,
not looked at: only the night's controller reaches its pane.

  --watch        the fleet live (also \`nightshift top\`): redraws every interval (default the
                 config's watch.interval) with each agent's state, for how long, its last rescue,
                 what it is parked on, and the next night. Keys: ↑/↓ select, a attach to the pane
                 (detach with your tmux prefix, d), 1-9 answer, x decline (through the running
                 night, as \`nightshift answer\`), q quit. Not a terminal: a line per change.
  --interval D   how often --watch looks`,
  options: { watch: { type: 'boolean' }, interval: { type: 'string' } },
  async run(args, io) {
    // the watch takes its rows from this command (`this`), so status-watch.ts need not import this file
    if (args.values.watch) return (await import('./status-watch.js')).watchStatus(args, io, this);
    const { config } = await configFrom(args, io);
    const tmux = createTmux({ socket: config.tmux.socket, control: false });
    try {
      const running = await tmux.serverRunning();
      const panes = running ? await tmux.listPanes() : [];
      const rows = [];
      for (const agent of config.agents) {
        if (agent.host) {
          // its pane is on another host, reached only by the night's controller over SSH (docs/hosts.md)
          rows.push({
            agent: agent.name,
            host: agent.host,
            pane: null,
            state: 'remote',
            rule: null,
            resetAt: null,
            parked: null,
          });
          continue;
        }
        const paneId = agent.target
          ? await tmux.resolveTarget(agent.target)
          : panes.find((p) => p.session === config.tmux.session && p.window === agent.name)?.paneId;
        const raw = paneId ? (await tmux.capture([paneId])).get(paneId) : undefined;
        if (!raw) {
          rows.push({
            agent: agent.name,
            pane: null,
            state: 'absent',
            rule: null,
            resetAt: null,
            parked: null,
          });
          continue;
        }
        const snapshot = toSnapshot(agent.name, raw, new Date());
        const c = classify(snapshot, {
          profile: agent.profile,
          profiles: config.profiles,
          timezone: config.timezone,
          now: snapshot.at,
        });
        rows.push({
          agent: agent.name,
          pane: raw.paneId,
          state: raw.dead ? 'exited' : c.state,
          rule: c.rule,
          resetAt: c.resetAt?.toISOString() ?? null,
          parked: parkedOn(c),
        });
      }
      if (args.values.json) for (const row of rows) io.stdout.write(`${JSON.stringify(row)}\n`);
      else {
        if (!running)
          io.stdout.write(
            `no tmux server on ${config.tmux.socket ? `socket "${config.tmux.socket}"` : 'the default socket'}\n`,
          );
        for (const r of rows)
          io.stdout.write(
            `${r.agent.padEnd(16)} ${String(r.pane ?? '-').padEnd(6)} ${r.state.padEnd(8)} ${r.rule ?? ''}${r.resetAt ? ` (resets ${r.resetAt})` : ''}${'host' in r ? `on host ${r.host}: not looked at from here (the night's journal and report have it)` : ''}\n${r.parked ? describeParked(r.agent, r.parked) : ''}`,
          );
      }
      return 0;
    } finally {
      await tmux.close();
    }
  },
});
