import type { AgentRuntime } from '../watch/agent-runtime.js';
import type { NewJournalEvent } from '../journal/events.js';
import type { Tmux, PaneInfo } from '../tmux/types.js';

/** Options for bringing the fleet's panes up. */
export interface LayoutOptions {
  readonly tmux: Tmux;
  readonly session: string;
  readonly journal: (event: NewJournalEvent) => void;
  /** a resumed night adopts live panes and starts missing ones with their `resume` command */
  readonly resumed: boolean;
  /**
   * observe only: live panes are adopted (and their output piped into the log, which sends nothing to them);
   * no window is created, no dead pane restarted, no command started. Each of those is journaled as a
   * dry-run action instead, so the report lists what a real night would have done.
   */
  readonly dryRun?: boolean;
}

/**
 * Makes the layout real: adopts each agent's existing pane or creates it, arms pipe-pane into the agent's log
 * before its command starts, and starts the command. Safe to call again (after a tmux server loss).
 */
export async function bringUp(agents: readonly AgentRuntime[], options: LayoutOptions): Promise<void> {
  const { tmux, session, journal } = options;
  const panes = (await tmux.serverRunning()) ? await tmux.listPanes() : [];
  for (const agent of agents) {
    const { config } = agent;
    const existing = await findPane(tmux, panes, session, agent);
    const command = options.resumed ? (config.resume ?? config.command) : config.command;
    if (options.dryRun && (!existing || existing.dead)) {
      journal({
        type: 'action',
        agent: config.name,
        plugin: 'core',
        action: 'restart',
        text: command,
        reason: existing
          ? `would start ${command} again in its dead pane ${existing.paneId}`
          : `would create window ${session}:${config.name} and start ${command} in ${config.cwd}`,
        screenHash: '',
        dryRun: true,
      });
      continue;
    }
    if (existing) {
      agent.paneId = existing.paneId;
      // always (re-)armed: a pane adopted from an earlier night may still be piped into that night's log
      await tmux.pipe(existing.paneId, agent.logFile);
      if (existing.dead)
        await tmux.start(existing.paneId, {
          command: options.resumed ? (config.resume ?? config.command) : config.command,
          cwd: config.cwd,
          env: config.env,
        });
      journal({
        type: 'agent-started',
        agent: config.name,
        ...(config.host ? { host: config.host } : {}),
        paneId: existing.paneId,
        command: config.command,
        cwd: config.cwd,
        cols: existing.width,
        rows: existing.height,
        adopted: !existing.dead,
      });
      continue;
    }
    const paneId = await tmux.createPane({
      session,
      window: config.name,
      cwd: config.cwd,
      cols: config.size.cols,
      rows: config.size.rows,
    });
    agent.paneId = paneId;
    await tmux.pipe(paneId, agent.logFile);
    await tmux.start(paneId, { command, cwd: config.cwd, env: config.env });
    journal({
      type: 'agent-started',
      agent: config.name,
      ...(config.host ? { host: config.host } : {}),
      paneId,
      command,
      cwd: config.cwd,
      cols: config.size.cols,
      rows: config.size.rows,
      adopted: false,
    });
  }
}

async function findPane(
  tmux: Tmux,
  panes: readonly PaneInfo[],
  session: string,
  agent: AgentRuntime,
): Promise<PaneInfo | undefined> {
  if (agent.config.target) {
    const id = await tmux.resolveTarget(agent.config.target);
    return panes.find((p) => p.paneId === id);
  }
  if (agent.paneId) {
    const same = panes.find((p) => p.paneId === agent.paneId);
    if (same) return same;
  }
  return panes.find((p) => p.session === session && p.window === agent.config.name);
}
