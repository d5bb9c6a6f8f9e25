import { z } from 'zod';
import { definePlugin, duration } from '../../core/index.js';

const options = z.strictObject({
  /** how long an unchanged screen counts as idle */
  after: duration('10m').default(10 * 60_000),
});

/**
 * `idle`: the screen has not changed for `after` (default 10m). `atInput` tells an agent waiting at its input box
 * (nudge it) from one that looks busy but froze (look at it). Limits, dialogs and exits have their own findings.
 */
export default definePlugin<z.output<typeof options>>({
  name: 'idle',
  options,
  check(snapshot, ctx) {
    const since = ctx.status.changedAt;
    if (!since || snapshot.dead) return undefined;
    const { state } = ctx.classification;
    if (state === 'limit' || state === 'confirm' || state === 'secret') return undefined;
    const idleMs = snapshot.at.getTime() - since.getTime();
    if (idleMs < ctx.options.after) return undefined;
    const atInput = state === 'input';
    const what = atInput ? 'waiting at its input box' : `unchanged while it looks ${state}`;
    return {
      kind: 'idle',
      severity: atInput ? 'info' : 'warn',
      summary: `${ctx.agent.name} ${what} since ${since.toISOString()}`,
      data: { idleMs, atInput },
    };
  },
});
