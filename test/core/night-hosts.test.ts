// A host whose agents cannot be brought up costs its agents, never the night: a host lost while its agents start has
// them started once it answers again; a host that answers but fails them is not tried again. Behind the same seams the
// fleet over a real sshd goes through (test/hosts/fleet-over-ssh.test.ts): the night's Tmux and its NightHosts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/load.js';
import { NightshiftError } from '../../core/errors.js';
import { createGuard } from '../../core/guard/index.js';
import type { NightHosts } from '../../core/hosts/fleet.js';
import { readJournal } from '../../core/journal/journal.js';
import { runNight } from '../../core/night/night.js';
import { planNight } from '../../core/night/night-plan.js';
import { classify } from '../../core/screen/index.js';
import type { Tmux } from '../../core/tmux/types.js';
import { silentLog } from '../helpers/fixtures.js';
import { CountingTmux } from './helpers/counting-tmux.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** How host `box` behaves when the night creates its agent's pane. */
type Box = 'lost while its agents start, back soon after' | 'answering, but its agents fail to start';

/** Panes on `box` fail as the case says; `box` is reachable as `hosts.up` says. */
class BoxTmux extends CountingTmux {
  tries = 0;
  constructor(
    readonly box: Box,
    readonly hosts: { up: boolean },
  ) {
    super();
  }
  override async createPane(spec: Parameters<Tmux['createPane']>[0]): Promise<string> {
    if (spec.window !== 'box-agent') return super.createPane();
    this.tries++;
    if (this.box === 'answering, but its agents fail to start')
      throw new NightshiftError('TMUX_FAILED', `host box: cannot create ${spec.window}`);
    if (this.tries > 1) return `box:${await super.createPane()}`;
    this.hosts.up = false; // the link dropped while the night was bringing the agents up
    setTimeout(() => (this.hosts.up = true), 300);
    throw new NightshiftError('TMUX_FAILED', 'host box is unreachable (down)');
  }
}

async function night(box: Box) {
  const dir = mkdtempSync(join(tmpdir(), 'ns-night-hosts-'));
  dirs.push(dir);
  const loaded = resolveConfig(
    {
      timezone: 'UTC',
      stateDir: join(dir, 'state'),
      watch: { interval: '100ms' },
      hosts: [{ name: 'box', ssh: 'box.invalid' }],
      agents: [
        { name: 'here-agent', command: 'node agent.mjs' },
        { name: 'box-agent', command: 'node agent.mjs', host: 'box' },
      ],
    },
    { cwd: dir, env: {} },
  );
  const { config } = loaded;
  const link = { up: true };
  const tmux = new BoxTmux(box, link);
  const hosts: NightHosts = {
    attach: () => () => undefined,
    reachable: (host) => host === undefined || link.up,
    takeArrivals: () => [],
    flush: async () => undefined,
  };
  const start = new Date();
  const result = await runNight({
    loaded,
    plugins: [],
    tmux,
    hosts,
    guard: createGuard(),
    classify: (s, a, previous) =>
      classify(s, { profile: a.profile, profiles: config.profiles, timezone: 'UTC', now: s.at, previous }),
    log: silentLog,
    plan: planNight(config.stateDir, 'UTC', start, new Date(start.getTime() + 1500)),
    signal: new AbortController().signal,
  });
  const started = readJournal(result.journalFile)
    .events.filter((e) => e.type === 'agent-started')
    .map((e) => ('agent' in e ? e.agent : ''));
  return { result, started, tries: tmux.tries };
}

describe("a host's agents that cannot be brought up cost those agents, never the night", () => {
  it.each([
    {
      box: 'lost while its agents start, back soon after' as const,
      started: ['here-agent', 'box-agent'],
      tries: 2,
    },
    { box: 'answering, but its agents fail to start' as const, started: ['here-agent'], tries: 1 },
  ])('box $box: the night runs to its end; started: $started', async (c) => {
    const { result, started, tries } = await night(c.box);
    expect(result.endReason).toBe('duration');
    expect(started).toEqual(c.started);
    expect(tries).toBe(c.tries);
  });
});
