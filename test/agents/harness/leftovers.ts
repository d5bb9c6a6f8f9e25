// Processes an agent leaves behind its pane: Codex's app-server daemon (one per CODEX_HOME, re-parented to PID 1,
// outliving `tmux kill-server`) and Gemini's relaunch parent. Found by the sandbox HOME in their environment.
import { readdirSync, readFileSync } from 'node:fs';

/** Ends (SIGKILL, by id) every process whose environment has HOME=`home`; returns their ids. */
export function endProcessesWithHome(home: string): number[] {
  const ended: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`HOME=${home}`)) continue;
      process.kill(pid, 'SIGKILL');
      ended.push(pid);
    } catch {
      // ended meanwhile, or not readable: not one of ours
    }
  }
  return ended;
}
