import { formatProblems } from '../errors.js';
import { rescueOrder } from '../plugin/order.js';
import type { LoadedPlugin } from '../plugin/loader.js';
import { preflight } from './preflight/index.js';
import { defineCommand } from './types.js';

const HOOKS = ['check', 'rescue', 'report', 'deliver', 'setup', 'teardown'] as const;

/** One loaded plugin as `nightshift plugins` shows it. */
interface PluginRow {
  /** position in load order (checks run together; reporters report and deliver in this order) */
  readonly position: number;
  readonly name: string;
  /** `built-in`, a file path, a package name, or `inline` */
  readonly from: string;
  readonly hooks: readonly string[];
  /** position among the rescues (the order findings are offered in), or null for a plugin with no rescue */
  readonly rescue: number | null;
  readonly order: 'pre' | 'post' | null;
  readonly handles: readonly string[] | null;
  readonly finds: readonly string[] | null;
  /** the validated options, defaults applied */
  readonly options: unknown;
}

export default defineCommand({
  name: 'plugins',
  summary: 'list the plugins a night would load, in order, with their source and options',
  usage: `Usage: nightshift plugins [--config FILE] [--json]

Loads the plugins exactly as a night would (the built-in set, or the config's \`plugins:\` list or
\`{ add, remove }\`), validates their options, and lists them in load order: where each came from,
its hooks, its place among the rescues (the order a finding is offered in: \`order: pre\` first,
\`post\` last, ties in load order), the finding kinds it handles and reports, and its options with
defaults applied. Exits 2 listing every problem when a plugin cannot be loaded.

  --json   one JSON object per plugin and line`,
  async run(args, io) {
    const checked = await preflight(args, io);
    const problems = checked.errors.filter((p) => p.path.startsWith('plugins'));
    if (problems.length || !checked.plugins) {
      io.stderr.write(
        `plugins could not be loaded:\n${formatProblems(problems.length ? problems : checked.errors)}\n`,
      );
      return 2;
    }
    const rows = rowsOf(checked.plugins);
    if (args.values.json === true) for (const r of rows) io.stdout.write(`${JSON.stringify(r)}\n`);
    else io.stdout.write(table(rows));
    return 0;
  },
});

function rowsOf(plugins: readonly LoadedPlugin[]): PluginRow[] {
  const rescues = rescueOrder(plugins);
  return plugins.map((p, i) => {
    const at = rescues.indexOf(p);
    return {
      position: i + 1,
      name: p.plugin.name,
      from: p.from,
      hooks: HOOKS.filter((h) => typeof p.plugin[h] === 'function'),
      rescue: at < 0 ? null : at + 1,
      order: p.plugin.order ?? null,
      handles: p.plugin.handles ? [...p.plugin.handles] : null,
      finds: p.plugin.finds ? [...p.plugin.finds] : null,
      options: p.options ?? {},
    };
  });
}

function table(rows: readonly PluginRow[]): string {
  const width = Math.max(...rows.map((r) => r.name.length));
  return rows
    .map((r) => {
      const rescue = r.rescue === null ? '' : ` rescue #${r.rescue}${r.order ? ` (${r.order})` : ''}`;
      const handles = r.handles ? ` handles ${r.handles.join(', ')}` : '';
      const options = JSON.stringify(r.options);
      return `${String(r.position).padStart(2)}. ${r.name.padEnd(width)}  ${r.from}  [${r.hooks.join(', ')}]${rescue}${handles}${options === '{}' ? '' : `\n    options: ${options}`}\n`;
    })
    .join('');
}
