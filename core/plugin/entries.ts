// The config's `plugins:` setting as a list of entries: a list replaces the built-in set; `{ add, remove }` edits it.

/** `plugins:` as written: a list (the whole set), `{ add, remove }` (the default set, edited), or nothing (defaults). */
export type PluginsSetting =
  | readonly unknown[]
  | { readonly add?: readonly unknown[]; readonly remove?: readonly unknown[] }
  | undefined;

/** One entry to load and the config path its problems are reported at. */
export interface PlacedEntry {
  readonly entry: unknown;
  readonly path: string;
}

/**
 * The entries to load, in order. With `{ add, remove }`: the defaults in their order without those named in
 * `remove`; then each `add` entry, except that one naming a default built-in (`{ name: idle, options }`) takes that
 * built-in's place with its options. Problems name the path of what is wrong.
 */
export function placeEntries(
  setting: PluginsSetting,
  defaults: readonly string[],
): { entries: PlacedEntry[]; problems: { path: string; message: string }[] } {
  if (setting === undefined)
    return {
      entries: defaults.map((name) => ({ entry: name, path: `plugins (default "${name}")` })),
      problems: [],
    };
  if (Array.isArray(setting))
    return { entries: setting.map((entry, i) => ({ entry, path: `plugins[${i}]` })), problems: [] };
  const problems: { path: string; message: string }[] = [];
  const edit = setting as Exclude<PluginsSetting, readonly unknown[] | undefined>;
  const removed = new Set<string>();
  (edit.remove ?? []).forEach((name, i) => {
    if (typeof name === 'string' && defaults.includes(name)) removed.add(name);
    else
      problems.push({
        path: `plugins.remove[${i}]`,
        message: `${JSON.stringify(name)} is not a default plugin (the defaults: ${defaults.join(', ')})`,
      });
  });
  const entries: PlacedEntry[] = defaults
    .filter((name) => !removed.has(name))
    .map((name) => ({ entry: name, path: `plugins (default "${name}")` }));
  (edit.add ?? []).forEach((entry, i) => {
    const path = `plugins.add[${i}]`;
    const name = nameOf(entry);
    const at = name === undefined ? -1 : entries.findIndex((e) => e.entry === name);
    if (at >= 0) entries[at] = { entry, path };
    else entries.push({ entry, path });
  });
  return { entries, problems };
}

/** The name an entry is listed under: `idle` or `{ name: idle, options }`. */
function nameOf(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  const name = entry && typeof entry === 'object' ? (entry as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : undefined;
}
