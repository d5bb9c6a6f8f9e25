// Which program a screen belongs to, from the signs each profile lists (and the pane's current command).
import { normalizeRow } from './screen-view.js';
import { resolveProfiles, type ProfileSet } from './resolve-profiles.js';

/** Names the profile whose detection signs match most rows of `lines` (ties: the earlier profile); `generic` when none match. */
export function detectProfile(
  lines: readonly string[],
  options: { profiles?: ProfileSet; currentCommand?: string } = {},
): string {
  const set = options.profiles ?? resolveProfiles();
  const command = options.currentCommand;
  if (command) {
    const owner = set.detectors.find((d) => d.commands.includes(command));
    if (owner) return owner.name;
  }
  return detectFromRows(lines.filter((l) => l.trim() !== '').map(normalizeRow), set);
}

/** Detection over rows already normalised (non-empty ones). */
export function detectFromRows(rows: readonly string[], set: ProfileSet): string {
  let best = 'generic';
  let bestScore = 0;
  const text = rows.join('\n');
  for (const { name, detect } of set.detectors) {
    if (detect.empty || !detect.anyIn(text)) continue;
    let score = 0;
    for (const row of rows) if (detect.any(row)) score++;
    if (score > bestScore) {
      best = name;
      bestScore = score;
    }
  }
  return best;
}
