// Processes an agent leaves behind its pane: Codex's app-server daemon (one per CODEX_HOME, re-parented to PID 1,
// outliving `tmux kill-server`) and Gemini's relaunch parent. Found by the sandbox HOME in their environment. The
// daemon listens on a socket in /tmp/codex-daemon-<uid>/ whatever TMPDIR says; killed, it cannot remove it, so
// the bench does.
import { readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';

/** Ends (SIGKILL, by id) every process whose environment has HOME=`home`, and deletes the socket files they listened
 *  on under /tmp (with a `.lock` beside them); returns their ids. */
export function endProcessesWithHome(home: string): number[] {
  const ended: number[] = [];
  const sockets: string[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`HOME=${home}`)) continue;
      sockets.push(...socketFilesOf(pid).filter((path) => path.startsWith('/tmp/')));
      process.kill(pid, 'SIGKILL');
      ended.push(pid);
    } catch {
      // ended meanwhile, or not readable: not one of ours
    }
  }
  for (const path of sockets) for (const file of [path, `${path}.lock`]) rmSync(file, { force: true });
  return ended;
}

/** The paths of the unix sockets bound to a file that process `pid` holds open (from /proc/net/unix). */
function socketFilesOf(pid: number): string[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const inode = readlinkSync(`/proc/${pid}/fd/${fd}`).match(/^socket:\[(\d+)\]$/)?.[1];
      if (inode) inodes.add(inode);
    } catch {
      // closed meanwhile
    }
  }
  // Num RefCount Protocol Flags Type St Inode Path
  return readFileSync(`/proc/${pid}/net/unix`, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols.length >= 8 && inodes.has(cols[6]!) && cols[7]!.startsWith('/'))
    .map((cols) => cols[7]!);
}
