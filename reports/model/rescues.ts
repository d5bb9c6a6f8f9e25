import { formatDuration, type JournalEvent } from '../../core/index.js';
import type { PluginTrouble, RefusalItem, RescueItem } from './types.js';

/** Actions the runner carried out (not dry runs, not escalations: those are on the "needs you" list). */
export function rescues(events: readonly JournalEvent[], clean: (text: string) => string): RescueItem[] {
  const out: RescueItem[] = [];
  for (const e of events) {
    if (e.type === 'agent-restarted') {
      out.push({
        at: new Date(e.t),
        agent: e.agent,
        plugin: e.plugin,
        action: 'restart',
        reason: clean(`restart ${e.attempt}: ${e.command}`),
        verified: undefined,
      });
      continue;
    }
    if (e.type !== 'action' || e.dryRun || e.action === 'escalate') continue;
    out.push({
      at: new Date(e.t),
      agent: e.agent,
      plugin: e.plugin,
      action: e.action,
      reason: clean(e.reason),
      verified: e.verified,
      channel: e.channel,
      ...(e.allowedBy ? { allowedBy: { rule: e.allowedBy.rule, reason: clean(e.allowedBy.reason) } } : {}),
    });
  }
  return out;
}

/** What a dry run held back: every action journaled as a dry run (start-up, restarts, keystrokes). */
export function wouldDo(events: readonly JournalEvent[], clean: (text: string) => string): RescueItem[] {
  return events.flatMap((e) =>
    e.type === 'action' && e.dryRun
      ? [
          {
            at: new Date(e.t),
            agent: e.agent,
            plugin: e.plugin,
            action: e.action,
            reason: clean(e.reason),
            verified: undefined,
          },
        ]
      : [],
  );
}

/** What the actuator refused to send, and why. */
export function refusals(events: readonly JournalEvent[], clean: (text: string) => string): RefusalItem[] {
  const out: RefusalItem[] = [];
  for (const e of events) {
    if (e.type === 'limited') {
      out.push({
        at: new Date(e.t),
        agent: e.agent,
        plugin: e.plugin,
        why: 'limit',
        reason: clean(
          `its limit "${e.key}" (${e.max} per ${formatDuration(e.perMs)}) is used up until ${e.until}`,
        ),
        command: undefined,
      });
      continue;
    }
    if (e.type !== 'refusal') continue;
    out.push({
      at: new Date(e.t),
      agent: e.agent,
      plugin: e.plugin,
      why: e.why,
      reason: clean(e.reason),
      command: e.command ? clean(e.command) : undefined,
      channel: e.channel,
    });
  }
  return out;
}

/** Plugins that threw, timed out or returned nonsense, and those switched off (the host's list adds ones not journaled yet). */
export function pluginTrouble(
  events: readonly JournalEvent[],
  disabled: readonly { plugin: string; failures: number; firstError: string }[],
  clean: (text: string) => string,
): PluginTrouble[] {
  const byName = new Map<
    string,
    { hooks: Set<string>; failures: number; disabled: boolean; firstError: string }
  >();
  const get = (plugin: string, first: string) => {
    let p = byName.get(plugin);
    if (!p) byName.set(plugin, (p = { hooks: new Set(), failures: 0, disabled: false, firstError: first }));
    return p;
  };
  for (const e of events) {
    if (e.type === 'plugin-failure') {
      const p = get(e.plugin, `${e.code}: ${e.message}`);
      p.hooks.add(e.hook);
      p.failures++;
    } else if (e.type === 'plugin-disabled') {
      const p = get(e.plugin, e.firstError);
      p.disabled = true;
      p.failures = Math.max(p.failures, e.failures);
    }
  }
  for (const d of disabled) {
    const p = get(d.plugin, d.firstError);
    p.disabled = true;
    p.failures = Math.max(p.failures, d.failures);
  }
  return [...byName.entries()].map(([plugin, p]) => ({
    plugin,
    hooks: [...p.hooks],
    failures: p.failures,
    disabled: p.disabled,
    firstError: clean(p.firstError),
  }));
}

/** Each agent's hook channel as the journal last left it (wired and then live, off, or inactive). */
export function hookChannels(
  events: readonly JournalEvent[],
): { agent: string; state: string; reason: string }[] {
  const last = new Map<string, { agent: string; state: string; reason: string }>();
  for (const e of events)
    if (e.type === 'hook-channel') {
      const before = last.get(e.agent);
      // "active" is the handshake; a later "inactive" cannot follow it, an earlier one is overruled by it
      if (before?.state === 'active' && e.state !== 'active') continue;
      last.set(e.agent, { agent: e.agent, state: e.state, reason: e.reason });
    }
  return [...last.values()];
}
