// Gemini CLI takes an Enter that reaches it within ~30 ms of the text (150 ms was seen lost under load, issue 25) as a
// newline in the message, not a submit: the task then sits unsent in the box and the next Enter sends it with a line
// break, or the next nudge lands behind it. The door presses Enter only after the profile's `enterGap` and two
// identical looks that show the text in the box (the program has read every key by then). With Gemini's own built-in
// timing, on a program that reads its keys late, the text is submitted once, as typed, and never turned into a newline.
import { describe, expect, it } from 'vitest';
import { typeChecked, type Reading, type TypingIO } from '../../core/actuator/typing.js';
import { resolveProfiles } from '../../core/screen/resolve-profiles.js';
import type { Classification, Snapshot } from '../../core/screen/types.js';

/** An Enter this soon after the last character the program read is a newline (the worst seen on the bench). */
const NEWLINE_WINDOW_MS = 150;

/**
 * Gemini's box on a fake clock: keys reach the program `lag` ms after they are sent; an Enter it reads within `window`
 * ms of the last character (or in the same read as it) becomes a newline; a later Enter submits.
 */
function geminiBox(lag: number, window = NEWLINE_WINDOW_MS) {
  let clock = 0;
  let lines = [''];
  let lastChar = -Infinity;
  let busy = false;
  const queue: { at: number; key: string }[] = [];
  const submitted: string[] = [];
  const newlines: number[] = [];
  const land = () => {
    // one read of the terminal: everything that has arrived by now, in order
    const batch = queue.filter((k) => k.at <= clock);
    queue.splice(0, batch.length);
    let charInBatch = false;
    for (const { key } of batch) {
      if (key === 'Enter') {
        if (charInBatch || clock - lastChar < window) {
          lines.push('');
          newlines.push(clock);
        } else if (lines.join('').trim()) {
          submitted.push(lines.join('\n'));
          lines = [''];
          busy = true;
        }
      } else if (key === 'BSpace') lines[lines.length - 1] = lines.at(-1)!.slice(0, -1);
      else {
        lines[lines.length - 1] += key;
        lastChar = clock;
        charInBatch = true;
      }
    }
  };
  const io: TypingIO = {
    async read(): Promise<Reading> {
      clock += 20; // a capture takes a while
      land();
      const classification = {
        state: busy ? 'busy' : 'input',
        rule: busy ? 'gemini.busy.spinner' : 'gemini.input.box',
      } as Classification;
      const snapshot = { hash: `${lines.join('\n')}|${String(busy)}` } as Snapshot;
      return { snapshot, classification, target: busy ? undefined : 'box', input: busy ? undefined : lines };
    },
    async sendText(text) {
      for (const ch of text) queue.push({ at: clock + lag, key: ch });
    },
    async sendKeys(keys) {
      for (const key of keys) queue.push({ at: clock + lag, key });
    },
    async sleep(ms) {
      clock += ms;
    },
  };
  return { io, submitted, newlines };
}

const TASK = 'Work through TASKS.md and append a status entry to COORDINATION.md after each task';
const { enterGap, clear } = resolveProfiles().get('gemini')!.input;

describe("Gemini CLI's Enter-as-newline (an Enter too soon after the text)", () => {
  it('the built-in gemini profile waits longer than the window before Enter', () => {
    expect(enterGap).toBeGreaterThanOrEqual(NEWLINE_WINDOW_MS);
  });

  it.each([0, 30, 200, 1500])(
    'keys read %i ms late: the task is submitted once, as typed, with no newline',
    async (lag) => {
      const pane = geminiBox(lag);
      const typed = await typeChecked(pane.io, {
        text: TASK,
        submit: true,
        before: '',
        timing: { enterGap, clear },
      });
      expect(typed).toMatchObject({ done: 'submitted', verified: true, enters: 1 });
      expect(pane.newlines).toEqual([]);
      expect(pane.submitted).toEqual([TASK]);
    },
  );

  it('an Enter taken as a newline all the same (a program slower than the gap): the second Enter sends it once', async () => {
    const pane = geminiBox(0, 2000);
    const typed = await typeChecked(pane.io, {
      text: TASK,
      submit: true,
      before: '',
      timing: { enterGap, clear },
    });
    expect(typed).toMatchObject({ done: 'submitted', verified: true, enters: 2 });
    expect(pane.newlines).toHaveLength(1);
    expect(pane.submitted).toEqual([`${TASK}\n`]);
  });

  it('the fake is honest: an Enter sent with the text is a newline, and the text stays unsent', async () => {
    const pane = geminiBox(30);
    await pane.io.sendText(TASK);
    await pane.io.sendKeys(['Enter']);
    await pane.io.sleep(100);
    const after = await pane.io.read();
    expect(pane.newlines).toHaveLength(1);
    expect(pane.submitted).toEqual([]);
    expect(after?.input).toEqual([TASK, '']);
  });
});
