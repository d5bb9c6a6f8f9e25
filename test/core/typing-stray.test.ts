// A first key that shows up after the door gave up on it (a program still starting takes keys late, as Codex did on
// the agent bench under load): the next attempt takes back that key, and only that key, then types the whole text.
import { describe, expect, it } from 'vitest';
import { typeChecked, type Reading, type TypingIO } from '../../core/actuator/typing.js';
import type { Classification, Snapshot } from '../../core/screen/types.js';

/** An input box whose keys land `lag` reads after they are sent; Enter submits what it holds. */
function lateBox(lag: number, redrawsAbove = false) {
  let box = '';
  let reads = 0;
  let busy = false;
  const queue: { at: number; key: string }[] = [];
  const submitted: string[] = [];
  const land = () => {
    while (queue.length && queue[0]!.at <= reads) {
      const { key } = queue.shift()!;
      if (key === 'BSpace') box = box.slice(0, -1);
      else if (key === 'Enter') {
        submitted.push(box);
        box = '';
        busy = true;
      } else box += key;
    }
  };
  const io: TypingIO = {
    async read(): Promise<Reading> {
      reads++;
      land();
      // `redrawsAbove`: the program redraws rows above its box once it holds text, which reads as streaming
      const streaming = redrawsAbove && box !== '' && !busy;
      const classification = {
        state: busy || streaming ? 'busy' : 'input',
        rule: streaming ? 'test.busy.streaming' : 'test.input.box',
      } as Classification;
      const snapshot = { hash: `${box}|${String(busy)}` } as Snapshot;
      return { snapshot, classification, target: busy || streaming ? undefined : 'box', input: [box] };
    },
    async sendText(text) {
      for (const ch of text) queue.push({ at: reads + lag, key: ch });
    },
    async sendKeys(keys) {
      for (const k of keys) queue.push({ at: reads + lag, key: k });
    },
    async sleep() {},
  };
  return {
    io,
    submitted,
    settle(n: number) {
      reads += n;
      land();
    },
    fast() {
      lag = 0;
    },
  };
}

const plan = {
  text: 'Please go on',
  submit: true,
  before: '',
  timing: { enterGap: 0, clear: 'backspace' as const },
};

describe('a first key that shows up late', () => {
  it('is named as a stray when the door gives up, and taken back by the next attempt', async () => {
    const pane = lateBox(1000);
    const first = await typeChecked(pane.io, plan);
    expect(first).toMatchObject({ done: 'stopped', why: 'not-ready', stray: 'P' });
    pane.settle(1000); // the key lands
    pane.fast();
    const second = await typeChecked(pane.io, { ...plan, stray: 'P' });
    expect(second).toMatchObject({ done: 'submitted', verified: true });
    expect(pane.submitted).toEqual(['Please go on']);
  });

  it('a program that redraws above its box at the first key (read as streaming) still gets its text', async () => {
    const pane = lateBox(0, true);
    expect(await typeChecked(pane.io, plan)).toMatchObject({ done: 'submitted', verified: true });
    expect(pane.submitted).toEqual(['Please go on']);
  });

  it('while the stray has not shown, nothing more is typed (keys would pile up behind it: `› PPPPPPPPP`)', async () => {
    const pane = lateBox(1000);
    const typed = await typeChecked(pane.io, { ...plan, stray: 'P' });
    expect(typed).toMatchObject({ done: 'stopped', why: 'not-ready', stray: 'P' });
    pane.settle(2000);
    expect(pane.submitted).toEqual([]);
    expect(await pane.io.read()).toMatchObject({ input: [''] });
  });

  it('text that is not exactly the stray is left alone: nothing is typed onto it', async () => {
    const pane = lateBox(0);
    await pane.io.sendText('Pl');
    pane.settle(1);
    const typed = await typeChecked(pane.io, { ...plan, stray: 'P' });
    expect(typed).toMatchObject({ done: 'stopped', why: 'screen' });
    expect(pane.submitted).toEqual([]);
  });

  it('a whole text of its own left in the input (laid out after the door gave up) is taken back, then typed anew', async () => {
    const pane = lateBox(0);
    await pane.io.sendText('Please go on');
    pane.settle(1);
    const typed = await typeChecked(pane.io, { ...plan, stray: 'Please go on' });
    expect(typed).toMatchObject({ done: 'submitted', verified: true, tookBack: 'Please go on' });
    expect(pane.submitted).toEqual(['Please go on']);
  });

  it('while only a part of its own text has shown, nothing is typed and the rest is waited for', async () => {
    const pane = lateBox(0);
    await pane.io.sendText('Please g');
    pane.settle(1);
    const typed = await typeChecked(pane.io, { ...plan, stray: 'Please go on' });
    expect(typed).toMatchObject({ done: 'stopped', why: 'not-ready', stray: 'Please go on' });
    expect(pane.submitted).toEqual([]);
  });
});
