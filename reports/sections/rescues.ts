import type { ReportSection } from '../../core/index.js';
import type { NightModel, RescueItem } from '../model/types.js';
import { mdCode, mdTable, mdText } from '../render/markdown-escape.js';
import { clockIn, cut, plural } from './format.js';

/** Rescues of one kind on one agent: the same action for the same reason, with its count and time span. */
interface RescueGroup {
  readonly agent: string;
  readonly action: string;
  readonly plugin: string;
  readonly channel: string;
  readonly reason: string;
  readonly first: Date;
  readonly last: Date;
  readonly count: number;
  readonly unverified: number;
}

function group(rescues: readonly RescueItem[]): RescueGroup[] {
  const byKey = new Map<string, RescueGroup>();
  for (const r of rescues) {
    const key = `${r.agent}|${r.action}|${r.plugin}|${r.channel ?? ''}|${r.reason}`;
    const g = byKey.get(key);
    const unverified = r.verified === false ? 1 : 0;
    byKey.set(
      key,
      g
        ? { ...g, last: r.at, count: g.count + 1, unverified: g.unverified + unverified }
        : {
            agent: r.agent,
            action: r.action,
            plugin: r.plugin,
            channel: r.channel ?? '',
            reason: r.reason,
            first: r.at,
            last: r.at,
            count: 1,
            unverified,
          },
    );
  }
  return [...byKey.values()].sort((a, b) => a.agent.localeCompare(b.agent) || b.count - a.count);
}

/** Merges the groups that differ only by agent: `agent` becomes the list (or a count when long). */
function mergeAgents(groups: readonly RescueGroup[]): RescueGroup[] {
  const byKey = new Map<string, { group: RescueGroup; agents: string[] }>();
  for (const g of groups) {
    const key = `${g.action}|${g.plugin}|${g.channel}|${g.reason}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { group: g, agents: [g.agent] });
    else {
      seen.agents.push(g.agent);
      const s = seen.group;
      seen.group = {
        ...s,
        first: g.first < s.first ? g.first : s.first,
        last: g.last > s.last ? g.last : s.last,
        count: s.count + g.count,
        unverified: s.unverified + g.unverified,
      };
    }
  }
  return [...byKey.values()]
    .map(({ group: g, agents }) => ({
      ...g,
      agent: agents.length > 4 ? `${agents.length} agents` : agents.join(', '),
    }))
    .sort((a, b) => b.count - a.count);
}

/** "Rescues": what the runner did, grouped (agent, action, reason) with counts and times, then what it refused to do. */
export function rescuesSection(model: NightModel): ReportSection {
  const clock = clockIn(model.timeZone);
  const parts: string[] = [];
  const { rescues, refusals } = model;
  if (rescues.length === 0)
    parts.push(
      model.dryRun
        ? 'None: this was a dry run (the actions it held back are listed under "Dry run").'
        : 'No rescues were needed.',
    );
  else {
    parts.push(`${plural(rescues.length, 'rescue')}: ${countBy(rescues.map((r) => r.action))}.`);
    // a big fleet: the same rescue on many agents is one row naming them
    const perAgent = group(rescues);
    const groups = perAgent.length > 15 ? mergeAgents(perAgent) : perAgent;
    const rows = groups
      .slice(0, 40)
      .map((g) => [
        mdText(g.agent),
        `${mdText(g.action)}${g.count > 1 ? ` ×${g.count}` : ''}`,
        g.count > 1 ? `${clock(g.first)}–${clock(g.last)}` : clock(g.first),
        mdText(cut(g.reason, 100)),
        g.unverified ? `${mdText(g.plugin)} (${g.unverified} not verified)` : mdText(g.plugin),
        mdText(g.channel),
      ]);
    parts.push(mdTable(['agent', 'action', 'when', 'why', 'plugin', 'channel'], rows));
    if (groups.length > 40) parts.push(`… and ${groups.length - 40} more kinds of rescue.`);
  }
  const excepted = rescues.filter((r) => r.allowedBy);
  if (excepted.length > 0) {
    // every use of a guard exception is shown: the person who wrote it should see what it let through
    parts.push(
      `**Guard exceptions used ${plural(excepted.length, 'time')}** (\`guard.allow\` in the config):`,
    );
    const rows = excepted
      .slice(-15)
      .map((r) => [
        clock(r.at),
        mdText(r.agent),
        mdCode(r.allowedBy!.rule),
        mdText(cut(r.allowedBy!.reason, 100)),
        mdText(cut(r.reason, 100)),
      ]);
    parts.push(mdTable(['time', 'agent', 'rule', 'your reason', 'what it let through'], rows));
  }
  if (refusals.length > 0) {
    parts.push(`**Refused ${plural(refusals.length, 'time')}**: ${countBy(refusals.map((r) => r.why))}.`);
    const rows = refusals
      .slice(-15)
      .map((r) => [
        clock(r.at),
        mdText(r.agent),
        mdText(r.plugin),
        mdText(r.why),
        r.command ? mdCode(cut(r.command, 80)) : '',
        mdText(cut(r.reason, 120)),
        mdText(r.channel ?? ''),
      ]);
    parts.push(mdTable(['time', 'agent', 'plugin', 'why', 'command', 'reason', 'channel'], rows));
  }
  const offChannels = model.hookChannels.filter((c) => c.state !== 'active');
  if (model.hookChannels.length > 0)
    parts.push(
      offChannels.length === 0
        ? `**Hook channel**: live for ${model.hookChannels.map((c) => c.agent).join(', ')}.`
        : `**Hook channel off** (the screen path answered alone): ${offChannels
            .map((c) => `${mdText(c.agent)} (${c.state}: ${mdText(c.reason)})`)
            .join('; ')}.`,
    );
  return {
    id: 'rescues',
    title: rescues.length ? `Rescues (${rescues.length})` : 'Rescues',
    markdown: parts.join('\n\n'),
    order: 40,
    truncatable: true,
  };
}

/** `7 answer, 3 restart` */
function countBy(keys: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${n} ${mdText(k)}`)
    .join(', ');
}
