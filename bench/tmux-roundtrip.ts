// tmux round trips, control mode vs one process per command: `npx tsx bench/tmux-roundtrip.ts`.
// Runs on a private server (its own socket, no user config) with 64 panes, and kills it at the end.
import { execa } from 'execa';
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createTmux } from '../core/tmux/index.js';
import type { TmuxClient } from '../core/tmux/types.js';

const PANES = Number(process.env.PANES ?? 64);
const ROUNDS = Number(process.env.ROUNDS ?? 30);
const socket = `ns-bench-${process.pid}`;
const base = ['-u', '-L', socket, '-f', '/dev/null'];

/** Times `fn` `rounds` times after `warmup` untimed runs; median and p95 in ms. */
async function time(
  rounds: number,
  fn: () => Promise<unknown>,
  warmup = 3,
): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return {
    median: ms[Math.floor(ms.length / 2)]!,
    p95: ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.95))]!,
  };
}

const fmt = (r: { median: number; p95: number }) =>
  `median ${r.median.toFixed(3).padStart(8)} ms   p95 ${r.p95.toFixed(3).padStart(8)} ms`;

/** 64 panes printing a screenful each, so the captures carry real text. */
async function fleet(tmux: TmuxClient): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < PANES; i++) {
    const id = await tmux.createPane({
      session: 'bench',
      window: `agent${i}`,
      cwd: '/tmp',
      cols: 120,
      rows: 40,
    });
    await tmux.start(id, {
      command: `for i in $(seq 1 60); do echo "agent ${i} line $i: building module $i of 60 ..."; done; exec sleep 600`,
      cwd: '/tmp',
    });
    ids.push(id);
  }
  return ids;
}

async function main(): Promise<void> {
  const control = createTmux({ socket, configFile: '/dev/null' });
  const processes = createTmux({ socket, control: false });
  try {
    const ids = await fleet(control);
    await new Promise((r) => setTimeout(r, 1000));
    await control.serverRunning();
    if (control.transport() !== 'control') throw new Error('the control client did not attach');
    const { version } = { version: (await control.version()).text };
    console.log(
      `tmux round trips: ${version}, node ${process.version}, ${PANES} panes of 120x40, ${ROUNDS} rounds\n`,
    );

    const oneCommand = ['display-message', '-p', '#{pid}'];
    const perControl = await time(ROUNDS * 20, () => control.command(oneCommand));
    const perProcess = await time(ROUNDS * 3, () => processes.command(oneCommand));
    console.log('one command (display-message -p), sequential');
    console.log(`  control mode            ${fmt(perControl)}`);
    console.log(
      `  spawned tmux process    ${fmt(perProcess)}   (${(perProcess.median / perControl.median).toFixed(0)}x)\n`,
    );

    const batched = await time(ROUNDS, () => control.capture(ids));
    const viaProcesses = await time(Math.ceil(ROUNDS / 3), () => processes.capture(ids));
    const shellLoop = await time(Math.ceil(ROUNDS / 3), async () => {
      for (const id of ids) await execa('tmux', [...base, 'capture-pane', '-p', '-t', id]);
    });
    const parallel = await time(Math.ceil(ROUNDS / 3), () =>
      Promise.all(ids.map((id) => execa('tmux', [...base, 'capture-pane', '-p', '-t', id]))),
    );
    const got = await control.capture(ids);
    if (got.size !== PANES || ![...got.values()].every((c) => c.lines.length === 40))
      throw new Error('capture came back incomplete');
    console.log(
      `capture of ${PANES} panes (screen text + cursor, dead, mode, alternate screen, command, pipe flags)`,
    );
    console.log(`  control mode, 1 batched round trip                  ${fmt(batched)}`);
    console.log(
      `  tmux.capture over processes (${PANES + 1} spawns)          ${fmt(viaProcesses)}   (${(viaProcesses.median / batched.median).toFixed(0)}x)`,
    );
    console.log(
      `  ${PANES} spawned \`tmux capture-pane\`, one after another   ${fmt(shellLoop)}   (${(shellLoop.median / batched.median).toFixed(0)}x, text only)`,
    );
    console.log(
      `  ${PANES} spawned \`tmux capture-pane\`, all at once         ${fmt(parallel)}   (${(parallel.median / batched.median).toFixed(0)}x, text only)`,
    );
  } finally {
    const path = (await control.command(['display-message', '-p', '#{socket_path}']).catch(() => []))[0];
    await control.killServer().catch(() => undefined);
    await processes.close();
    if (path) rmSync(path, { force: true }); // tmux leaves its socket file behind
  }
}

await main();
