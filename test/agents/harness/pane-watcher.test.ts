// The bench's HOME check reads the environment of an agent's whole process tree: every live process counts, one
// started with an empty environment (`env -i`, which would fall back to the real home) included.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { environOfTree, type ProcessValue } from './pane-watcher.js';

describe('environOfTree', () => {
  it('reads HOME from every process of the tree, and a process without one as empty', async () => {
    const tree = spawn('sh', ['-c', 'env -i sleep 5 & HOME=/elsewhere sleep 5 & wait'], {
      env: { ...process.env, HOME: '/sandbox' },
    });
    try {
      // a child read between its fork and its exec still shows the shell's environment: wait until both run sleep
      let processes: ProcessValue[] = [];
      for (let i = 0; i < 50; i++) {
        await sleep(100);
        processes = environOfTree(tree.pid!, 'HOME');
        if (processes.filter((p) => p.command === 'sleep 5').length === 2) break;
      }
      expect(processes.map((p) => p.value ?? '').sort()).toEqual(['', '/elsewhere', '/sandbox']);
      expect(processes.find((p) => p.value === null)?.command).toBe('sleep 5');
    } finally {
      spawn('pkill', ['-P', String(tree.pid)]);
      tree.kill();
    }
  });

  it('names nothing for a process that is gone', () => {
    expect(environOfTree(2 ** 22 + 1, 'HOME')).toEqual([]);
  });
});
