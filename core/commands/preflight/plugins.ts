import { NightshiftError } from '../../errors.js';
import type { PluginsSetting } from '../../plugin/entries.js';
import { loadPlugins } from '../../plugin/loader.js';
import { BUILTINS, DEFAULT_PLUGINS } from '../builtins.js';
import { field } from './raw.js';
import { error, type ConfigCheck } from './types.js';

/** Every plugin loads and its options pass its schema (the same loading the night does). */
export const pluginsCheck: ConfigCheck = {
  name: 'plugins',
  async run(draft) {
    const entries = field(draft.raw, 'plugins');
    if (entries !== undefined && (typeof entries !== 'object' || entries === null)) return { problems: [] }; // the schema says so
    try {
      const plugins = await loadPlugins({
        entries: entries as PluginsSetting,
        builtins: BUILTINS,
        defaults: DEFAULT_PLUGINS,
        dir: draft.dir,
      });
      return { problems: [], plugins };
    } catch (e) {
      if (e instanceof NightshiftError && e.problems.length)
        return { problems: e.problems.map((p) => error(p.path, p.message)) };
      return { problems: [error('plugins', e instanceof Error ? e.message : String(e))] };
    }
  },
};
