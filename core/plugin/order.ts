// The order rescues are offered a finding in: `order: 'pre'` first, then unordered, then `'post'`; ties keep load order.
import type { Plugin } from './types.js';

/** The rescue plugins of `plugins`, in the order they are offered findings. */
export function rescueOrder<T extends { readonly plugin: Pick<Plugin, 'order' | 'rescue'> }>(
  plugins: readonly T[],
): T[] {
  const rank = (p: Pick<Plugin, 'order'>) => (p.order === 'pre' ? 0 : p.order === 'post' ? 2 : 1);
  return plugins.filter((p) => p.plugin.rescue).sort((a, b) => rank(a.plugin) - rank(b.plugin));
}
