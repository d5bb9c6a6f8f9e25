// The queue's place in a night: made when the config asks for one (`queue:` or `tasks:`), else nothing.
import type { TickDeps } from '../watch/tick.js';
import type { Tmux } from '../tmux/types.js';
import type { Config } from '../../config/schema.js';
import type { EndReader } from './end-signal.js';
import { QueueRunner } from './runner.js';
import { queueActive } from './tasks.js';

/** The night's queue, or undefined when the config has none (an agent's `task:` is then kickoff's). */
export function nightQueue(o: {
  config: Config;
  night: { id: string };
  tmux: Tmux;
  watch: TickDeps;
  ends: EndReader | undefined;
}): QueueRunner | undefined {
  if (!queueActive(o.config)) return undefined;
  return new QueueRunner({
    config: o.config,
    night: o.night,
    tmux: o.tmux,
    actions: (agent) => o.watch.actuator.actionsFor('queue', agent),
    journal: o.watch.journal,
    now: o.watch.now,
    log: o.watch.log.child({ plugin: 'queue' }),
    ends: o.ends ?? (() => undefined),
  });
}
