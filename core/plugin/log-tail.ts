// The recent scrollback of a pane, read from the end of its pipe-pane log and rendered by a headless terminal.
import { open } from 'node:fs/promises';
import xterm from '@xterm/headless';

/** Bytes read from the log's end: enough for a few thousand rows of output. */
export const TAIL_BYTES = 512 * 1024;
/** Rows a plugin may ask for. */
export const MAX_SCROLLBACK = 2000;

/** The last `keep` non-blank rows of `file` as a terminal of `cols`×`rows` shows them; [] when there is no log. */
export async function readLogTail(
  file: string,
  size: { cols: number; rows: number; keep: number },
): Promise<readonly string[]> {
  const keep = Math.max(0, Math.min(Math.floor(size.keep), MAX_SCROLLBACK));
  if (!keep) return [];
  const bytes = await tail(file);
  if (!bytes?.length) return [];
  const terminal = new xterm.Terminal({
    cols: Math.max(20, size.cols || 80),
    rows: Math.max(5, size.rows || 24),
    scrollback: MAX_SCROLLBACK,
    allowProposedApi: true,
  });
  try {
    await new Promise<void>((done) => terminal.write(bytes, done));
    const buffer = terminal.buffer.normal;
    const out: string[] = [];
    for (let y = 0; y < buffer.length; y++) {
      const line = buffer.getLine(y);
      if (!line) continue;
      const text = line.translateToString(false);
      if (line.isWrapped && out.length) out[out.length - 1] += text;
      else out.push(text);
    }
    return Object.freeze(
      out
        .map((l) => l.trimEnd())
        .filter((l) => l.trim() !== '')
        .slice(-keep),
    );
  } finally {
    terminal.dispose();
  }
}

async function tail(file: string): Promise<Uint8Array | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return undefined; // no log yet
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, TAIL_BYTES);
    const buffer = new Uint8Array(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer;
  } finally {
    await handle.close();
  }
}
