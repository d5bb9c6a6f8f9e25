#!/usr/bin/env node
// The pipe-pane writer: appends a pane's output to its log, 0600, and keeps the log under a cap. Plain JavaScript with
// no imports beyond node itself, so tmux can run it from the source tree and from dist alike:
//
//   node pane-writer.mjs FILE MAX_BYTES        (MAX_BYTES 0: no cap)
//
// Past the cap the log keeps its start (the first 20 %, at most 2 MiB), a marker saying how much was left out, and the
// most recent output (at least two fifths of the cap): the file always reads front to back, and its end is the pane's
// last output. When the disk is full it drops output (counting it) and tries again every second; the first write that
// succeeds notes the gap. One writer per log: `FILE.writer` holds the pid of the writer that owns it.
import { Buffer } from 'node:buffer';
import {
  closeSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readFileSync,
  readSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import process from 'node:process';
import { setTimeout } from 'node:timers';

const [file, maxArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: pane-writer.mjs FILE [MAX_BYTES]\n');
  process.exit(2);
}
const max = Math.max(0, Number.parseInt(maxArg ?? '0', 10) || 0);
const HEAD = max ? Math.min(2 * 1024 * 1024, Math.floor(max * 0.2)) : 0;
const LOCK = `${file}.writer`;
const COPY = 1024 * 1024;
const RETRY_MS = 1000;
const LOCK_WAIT_MS = 30_000;
/** how long an empty lock file counts as held (a writer that died before writing its pid leaves one) */
const EMPTY_LOCK_MS = 2_000;

/** The cut marker: fixed width, so later cuts rewrite the count in place. Keep in step with reports/transcript/log-cut.ts. */
const marker = (since, leftOut) =>
  `\r\n\x1b[0m\x1b[?1049l[nightshift: log cut at ${since}; ${String(leftOut).padStart(15, ' ')} bytes left out here, the latest output follows]\r\n`;
const MARKER_LEN = Buffer.byteLength(marker(new Date(0).toISOString(), 0));
const MARKER_RE = /\[nightshift: log cut at (\S+); +(\d+) bytes left out here/;
const KEEP = max ? Math.floor((max - HEAD - MARKER_LEN) / 2) : 0;
/** Keep in step with reports/transcript/log-cut.ts. */
const gapNote = (bytes, from, to) =>
  `\r\n\x1b[0m[nightshift: ${bytes} bytes of output lost: the disk was full from ${from} to ${to}]\r\n`;

let fd;
let pos = 0;
/** the first cut's time and the bytes left out so far, once the log has been cut */
let cut;
/** output dropped while the disk was full */
let gap;
/** the compaction's copy buffer, allocated once */
let copyBuffer;

function takeLock(waited = 0) {
  try {
    const lock = openSync(LOCK, 'wx', 0o600);
    writeSync(lock, `${process.pid}\n`);
    closeSync(lock);
    return true;
  } catch (error) {
    if (error.code !== 'EEXIST') return true; // no lock possible (read-only dir?): write anyway
    const text = safeRead(LOCK);
    // an empty lock is a writer between creating it and writing its pid: held, unless it stays empty
    const beingTaken = text === '' && waited < EMPTY_LOCK_MS;
    if ((!beingTaken && !alive(Number.parseInt(text, 10))) || waited >= LOCK_WAIT_MS) {
      try {
        unlinkSync(LOCK);
      } catch {
        // someone else removed it
      }
      return takeLock(waited);
    }
    setTimeout(() => takeLock(waited + 50) && start(), 50);
    return false;
  }
}

function safeRead(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function alive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function releaseLock() {
  if (Number.parseInt(safeRead(LOCK), 10) === process.pid) {
    try {
      unlinkSync(LOCK);
    } catch {
      // already gone
    }
  }
}

function start() {
  closeSync(openSync(file, 'a', 0o600));
  fd = openSync(file, 'r+');
  pos = fstatSync(fd).size;
  if (max && pos > HEAD) {
    const found = Buffer.alloc(MARKER_LEN);
    const n = readSync(fd, found, 0, MARKER_LEN, HEAD);
    const m = MARKER_RE.exec(found.subarray(0, n).toString('latin1'));
    if (m) cut = { since: m[1], leftOut: Number(m[2]) };
  }
  // one buffer, read and written synchronously: no allocation per chunk, so memory stays flat whatever the pane prints
  const buffer = Buffer.allocUnsafe(64 * 1024);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  // tmux hands the writer a blocking socket, so reads wait for output; a non-blocking stdin (a writer started by
  // node) is polled instead, quickly while output flows and backing off to 50 ms while it does not
  let idle = 1;
  for (;;) {
    let n;
    try {
      n = readSync(0, buffer, 0, buffer.length, null);
      idle = 1;
    } catch (error) {
      if (error.code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, idle);
        idle = Math.min(50, idle * 2);
        continue;
      }
      if (error.code === 'EOF') break;
      throw error;
    }
    if (n === 0) break;
    onData(buffer.subarray(0, n));
  }
  finish();
}

function finish() {
  if (fd !== undefined) closeSync(fd);
  fd = undefined;
  releaseLock();
  process.exit(0);
}

/** Writes `data` at the end; false (and nothing more written) when the disk is full. */
function append(data) {
  let done = 0;
  try {
    while (done < data.length) done += writeSync(fd, data, done, data.length - done, pos + done);
    pos += done;
    return true;
  } catch (error) {
    pos += done;
    if (error.code !== 'ENOSPC' && error.code !== 'EDQUOT') throw error;
    const now = Date.now();
    gap ??= { from: new Date(now).toISOString(), bytes: 0, retryAt: 0 };
    gap.bytes += data.length - done;
    gap.retryAt = now + RETRY_MS;
    return false;
  }
}

function onData(chunk) {
  if (gap) {
    if (Date.now() < gap.retryAt) {
      gap.bytes += chunk.length;
      return;
    }
    const note = gapNote(gap.bytes, gap.from, new Date().toISOString());
    const lost = gap;
    gap = undefined;
    if (!append(Buffer.from(note))) {
      gap.bytes += lost.bytes + chunk.length;
      gap.from = lost.from;
      return;
    }
  }
  if (!max) return void append(chunk);
  for (let at = 0; at < chunk.length; at += KEEP) {
    const piece = chunk.subarray(at, at + KEEP);
    if (pos + piece.length > max && !compactOrDrop(chunk.length - at)) return;
    if (!append(piece)) {
      gap.bytes += chunk.length - at - piece.length;
      return;
    }
  }
}

/** Compacts; when that fails for lack of space, the rest of the chunk is counted as lost. */
function compactOrDrop(rest) {
  try {
    compact();
    return true;
  } catch (error) {
    if (error.code !== 'ENOSPC' && error.code !== 'EDQUOT') throw error;
    gap ??= { from: new Date().toISOString(), bytes: 0, retryAt: 0 };
    gap.bytes += rest;
    gap.retryAt = Date.now() + RETRY_MS;
    return false;
  }
}

/** Keeps the head and the last KEEP bytes, with the marker between; the copy runs front to back, so it may overlap. */
function compact() {
  const tailStart = cut ? HEAD + MARKER_LEN : HEAD;
  const from = pos - KEEP;
  const since = cut?.since ?? new Date().toISOString();
  const leftOut = (cut?.leftOut ?? 0) + (from - tailStart);
  copyBuffer ??= Buffer.allocUnsafe(Math.min(COPY, KEEP));
  const buffer = copyBuffer;
  let to = HEAD + MARKER_LEN;
  for (let read = from; read < pos;) {
    const n = readSync(fd, buffer, 0, Math.min(buffer.length, pos - read), read);
    if (n <= 0) break;
    writeSync(fd, buffer, 0, n, to);
    read += n;
    to += n;
  }
  writeSync(fd, Buffer.from(marker(since, leftOut)), 0, MARKER_LEN, HEAD);
  ftruncateSync(fd, to);
  pos = to;
  cut = { since, leftOut };
}

// a writer killed by a signal leaves its lock behind: the next one sees the pid is gone and takes over
process.on('exit', releaseLock);
if (takeLock()) start();
