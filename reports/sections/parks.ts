import type { ReportSection } from '../../core/index.js';
import type { NightModel, ParkItem } from '../model/types.js';
import { mdTable, mdText } from '../render/markdown-escape.js';
import { clockIn, cut, formatMinutes } from './format.js';

/** `2.5 h lost to parks`, `12 min lost to parks`, or undefined when nothing waited. */
export function lostToParks(parks: readonly ParkItem[]): string | undefined {
  if (!parks.length) return undefined;
  const ms = parks.reduce((sum, p) => sum + p.ms, 0);
  const minutes = Math.round(ms / 60_000);
  return minutes < 60 ? `${minutes} min lost to parks` : `${(ms / 3_600_000).toFixed(1)} h lost to parks`;
}

/** "Parks": per agent, each wait for a person — what, since when, how long, how it ended. None: no section. */
export function parksSection(model: NightModel): ReportSection | undefined {
  if (!model.parks.length) return undefined;
  const clock = clockIn(model.timeZone);
  const rows = model.parks.map((p) => [
    mdText(p.agent),
    p.command ? `${p.what}: ${mdText(cut(p.command, 80))}` : p.what,
    clock(p.since),
    formatMinutes(Math.round(p.ms / 60_000)),
    mdText(p.by ? `${p.ending} (${p.by})` : p.ending),
  ]);
  return {
    id: 'parks',
    title: `Parks (${model.parks.length}) · ${lostToParks(model.parks)}`,
    markdown: mdTable(['agent', 'waited on', 'since', 'for', 'ended'], rows, ['l', 'l', 'l', 'r', 'l']),
    order: 15,
    truncatable: false,
  };
}
