// A test-only rescue, loaded by path like a user's plugin: it runs before every other rescue and changes the pane
// between the check and the send — the fixture swaps its dialog (SIGUSR1), or the pane goes into copy mode — then
// passes the finding on, so the next rescue (auto-confirm) acts on a dialog that is no longer what the pane shows.
// Once per agent; it journals a note when it has interfered.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { z } from 'zod';
import { definePlugin, type RescueResult } from '../../core/index.js';

const options = z.strictObject({
  /** agents whose fixture (changes-dialog.mjs) is told to swap its dialog; their records are `<name>.rec.jsonl` in cwd */
  swap: z.array(z.string()).default([]),
  /** agents whose pane is put into copy mode */
  copyMode: z.array(z.string()).default([]),
});

const done = new Set<string>();

/** Polls `probe` every 25 ms for up to 5 s. */
async function until(probe: () => Promise<boolean> | boolean): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    if (await probe()) return true;
    await sleep(25);
  }
  return false;
}

export default definePlugin<z.output<typeof options>>({
  name: 'interfere-before-send',
  order: 'pre',
  handles: ['confirm'],
  options,
  async rescue(_finding, ctx): Promise<RescueResult> {
    const agent = ctx.agent.name;
    if (done.has(agent)) return 'pass';
    const tmux = (...args: string[]) =>
      execa('tmux', ['-L', ctx.config.tmux.socket!, ...args], { reject: false }).then((r) => r.stdout);
    const target = `${ctx.config.tmux.session}:${agent}`;
    if (ctx.options.swap.includes(agent)) {
      done.add(agent);
      const records = () =>
        readFileSync(join(ctx.agent.cwd, `${agent}.rec.jsonl`), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { event: string; pid?: number });
      process.kill(records().find((r) => r.event === 'start')!.pid!, 'SIGUSR1');
      const swapped = await until(() => records().some((r) => r.event === 'swapped'));
      const drawn = await until(async () =>
        (await tmux('capture-pane', '-p', '-t', target)).includes('rm -rf ~/'),
      );
      ctx.act.note(`interfered: swapped the dialog (${swapped && drawn ? 'on screen' : 'NOT SEEN'})`);
    } else if (ctx.options.copyMode.includes(agent)) {
      done.add(agent);
      await tmux('copy-mode', '-t', target);
      const on = await until(
        async () => (await tmux('display-message', '-p', '-t', target, '#{pane_in_mode}')).trim() === '1',
      );
      ctx.act.note(`interfered: copy mode (${on ? 'on' : 'NOT ON'})`);
    }
    return 'pass';
  },
});
