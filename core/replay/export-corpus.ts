// `nightshift replay --export DIR`: a night's recorded screens in the screen-corpus format (docs/replay.md): each screen
// where an agent's state changed or nightshift decided something, as `<class>__<program>__<n>.txt` (the rows as
// capture-pane prints them), a `.json` label beside it (the corpus sidecar plus what the night did), and
// `tmux-state.tsv` (cursor and pane flags). `nightshift/testing` loads such a directory as PaneTester cases.
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config/schema.js';
import { makePrivateDir, writePrivateFile } from '../files/private.js';
import type { JournalEvent } from '../journal/events.js';
import { readJournal } from '../journal/journal.js';
import { SCREENS_FILE } from '../journal/screen-record.js';
import { toSnapshot } from '../screen/snapshot.js';
import type { ClassifyScreen } from '../watch/watch.js';
import { decisionsOf, shownInRecord } from './decisions.js';
import { readRecordIndex } from './replay-night.js';

/** The label written beside each exported screen. */
export interface ExportLabel {
  readonly class: string;
  readonly program: string;
  /** tmux keys that approve / decline the dialog on screen (confirm only) */
  readonly tmux_keys: readonly string[] | null;
  readonly deny_tmux_keys: readonly string[] | null;
  readonly command: string | null;
  readonly command_kind: 'shell' | 'action' | null;
  /** the classifier rule that decided the class */
  readonly rule: string;
  /** what the night decided on this screen: answered, held, typed, escalated:<kind>… (empty: nothing) */
  readonly decided: readonly string[];
  /** the keys the night sent on this screen (answers and declines; [] when it held or blocked) */
  readonly sent: readonly string[] | null;
  readonly night: string;
  readonly agent: string;
  readonly at: string;
}

const STATE_HEADER =
  'name\tcursor_x\tcursor_y\tcursor_flag\talternate_on\tpane_in_mode\tpane_dead\tpane_current_command\ttty_mode';

/** Writes the night in `runDir` into `dir` (created; names continue after what is there); returns the files' base names. */
export async function exportCorpus(
  runDir: string,
  dir: string,
  o: { readonly config: Config; readonly classify: ClassifyScreen; readonly night: string },
): Promise<string[]> {
  const index = await readRecordIndex(join(runDir, SCREENS_FILE));
  const journalFile = join(runDir, 'events.jsonl');
  const events: readonly JournalEvent[] = existsSync(journalFile) ? readJournal(journalFile).events : [];
  const byHash = new Map<string, string>();
  for (const [id, h] of index.hashOf) byHash.set(h, id);
  const decisions = decisionsOf(
    events,
    (agent, t) => shownInRecord(index, agent, t),
    (h) => byHash.get(h),
  );
  // the screens worth a case: where a decision was made, and where an agent's state changed
  const picked = new Map<string, { agent: string; t: number }>();
  for (const d of decisions) if (!picked.has(d.key) && index.screens.has(d.key)) picked.set(d.key, d);
  for (const e of events)
    if (e.type === 'state') {
      const id = byHash.get(e.hash);
      if (id && !picked.has(id)) picked.set(id, { agent: e.agent, t: Date.parse(e.t) });
    }
  makePrivateDir(dir);
  const taken = new Set(readdirSync(dir));
  const stateFile = join(dir, 'tmux-state.tsv');
  if (!existsSync(stateFile)) writePrivateFile(stateFile, `${STATE_HEADER}\n`);
  else if (!readFileSync(stateFile, 'utf8').startsWith('name\t'))
    throw new Error(`${stateFile} is not a tmux-state.tsv`);
  const written: string[] = [];
  for (const [id, where] of [...picked].sort((a, b) => a[1].t - b[1].t)) {
    const s = index.screens.get(id)!;
    const agentConfig = o.config.agents.find((a) => a.name === where.agent) ?? {
      ...o.config.agents[0]!,
      name: where.agent,
      profile: 'auto',
    };
    const at = new Date(where.t);
    const snapshot = toSnapshot(
      where.agent,
      { ...s, deadStatus: s.deadStatus, lines: [...s.lines], paneId: '%0', pid: 0, tty: '', piped: true },
      at,
    );
    const c = o.classify(snapshot, agentConfig, undefined);
    const program = c.profile.replace(/[^a-z0-9-]/gi, '-').toLowerCase() || 'generic';
    let n = 1;
    while (taken.has(`${c.state}__${program}__${n}.txt`)) n++;
    const name = `${c.state}__${program}__${n}`;
    taken.add(`${name}.txt`);
    const here = decisions.filter((d) => d.key === id);
    const answer = events.find(
      (e) =>
        e.type === 'action' &&
        (e.action === 'answer' || e.action === 'decline') &&
        byHash.get(e.screenHash) === id,
    );
    const held = here.some((d) => d.outcome === 'held' || d.outcome === 'blocked');
    const label: ExportLabel = {
      class: c.state,
      program,
      tmux_keys: c.dialog?.approve ? [...c.dialog.approve] : null,
      deny_tmux_keys: c.dialog?.deny ? [...c.dialog.deny] : null,
      command: c.dialog?.command ?? null,
      command_kind: c.dialog?.commandKind ?? null,
      rule: c.rule,
      decided: here.map((d) => d.outcome),
      sent: answer?.type === 'action' ? [...(answer.keys ?? [])] : held ? [] : null,
      night: o.night,
      agent: where.agent,
      at: at.toISOString(),
    };
    writePrivateFile(join(dir, `${name}.txt`), `${s.lines.join('\n')}\n`);
    writePrivateFile(join(dir, `${name}.json`), `${JSON.stringify(label, null, 2)}\n`);
    const flag = (b: boolean) => (b ? '1' : '0');
    appendFileSync(
      stateFile,
      `${[name, s.cursorX, s.cursorY, flag(s.cursorVisible), flag(s.alternateOn), flag(s.inMode), flag(s.dead), s.currentCommand, ''].join('\t')}\n`,
    );
    written.push(name);
  }
  return written;
}
