import type { ReportSection } from '../../core/index.js';
import type { NightModel } from '../model/types.js';
import { mdTable, mdText } from '../render/markdown-escape.js';
import { clockIn, cut, plural } from './format.js';

/** A host's link trouble in the night: each loss (until it came back), each failed connect, a skip. */
interface Outage {
  readonly from: Date;
  readonly to: Date | undefined;
  readonly what: string;
}

/**
 * "Hosts": present when some agent runs on another host (docs/hosts.md). The agents grouped by where they run, this
 * machine first, each host with its link's outages (lost until connected again, unreachable at start, skipped).
 */
export function hostsSection(model: NightModel): ReportSection | undefined {
  const { night } = model;
  const hostOf = new Map<string, string | undefined>(night.agents.map((a) => [a.name, a.host]));
  for (const e of night.events) if (e.type === 'agent-started' && e.host) hostOf.set(e.agent, e.host);
  const hosts = [...new Set([...hostOf.values()].filter((h): h is string => !!h))];
  if (!hosts.length) return undefined;
  const clock = clockIn(model.timeZone);
  const outages = new Map<string, Outage[]>(hosts.map((h) => [h, []]));
  const connectedAt = new Map<string, Date>();
  for (const e of night.events) {
    if (e.type !== 'host-link') continue;
    const list = outages.get(e.host) ?? [];
    outages.set(e.host, list);
    const at = new Date(e.t);
    const open = list.at(-1);
    if (e.state === 'connected') {
      if (open && !open.to) list[list.length - 1] = { ...open, to: at };
      if (!connectedAt.has(e.host)) connectedAt.set(e.host, at);
    } else if (e.state === 'lost') list.push({ from: at, to: undefined, what: `link lost: ${e.detail}` });
    else if (e.state === 'skipped') list.push({ from: at, to: undefined, what: `skipped: ${e.detail}` });
    else if (!open || open.to) list.push({ from: at, to: undefined, what: `unreachable: ${e.detail}` });
  }
  const byName = new Map(model.agents.map((a) => [a.name, a]));
  const groups: [string, string | undefined][] = [
    ['this machine', undefined],
    ...hosts.map((h): [string, string] => [h, h]),
  ];
  const parts: string[] = [];
  for (const [title, host] of groups) {
    const names = [...hostOf].filter(([, h]) => h === host).map(([n]) => n);
    if (!names.length) continue;
    const list = host ? (outages.get(host) ?? []) : [];
    const link = !host
      ? ''
      : !connectedAt.has(host)
        ? ' — never reached'
        : list.length
          ? ` — ${plural(list.length, 'outage')}`
          : ' — link up all night';
    parts.push(`### ${mdText(title)}${link}`);
    parts.push(
      mdTable(
        ['agent', 'at dawn', 'rescues'],
        names.map((n) => [
          `**${mdText(n)}**`,
          mdText(byName.get(n)?.atDawn ?? 'not started'),
          String(byName.get(n)?.rescues ?? 0),
        ]),
        ['l', 'l', 'r'],
      ),
    );
    if (list.length)
      parts.push(
        list
          .slice(0, 20)
          .map((o) => `- ${clock(o.from)}–${o.to ? clock(o.to) : 'dawn'}: ${mdText(cut(o.what, 160))}`)
          .join('\n'),
      );
  }
  return { id: 'hosts', title: 'Hosts', markdown: parts.join('\n\n'), order: 55, truncatable: true };
}
