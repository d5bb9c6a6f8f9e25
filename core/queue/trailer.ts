// The text typed for a task: the task, then how to report its end in the coordination file.

/** A marker in the typed text naming the task, so the journal's record of the send can be matched after a restart. */
export function taskMarker(id: string): string {
  return `[task ${id}]`;
}

/** The task's text and its trailer, on one line (a newline would submit early in some input boxes). */
export function taskText(
  task: { id: string; text: string },
  o: { agent: string; coordinationFile: string | undefined; statusLog: string | undefined },
): string {
  const where = o.coordinationFile
    ? `append an entry to ${o.coordinationFile}: a heading "## [YYYY-MM-DD HH:MM] ${o.agent} → nightshift", then the lines "Task: ${task.id}", "Status: DONE" (or FAILED, or BLOCKED if you need a person), and "Output: <one line on what you did>"`
    : o.statusLog
      ? `append a line to ${o.statusLog}: "[HH:MM:SS] [${o.agent}] [DONE] ${task.id} <one line on what you did>" (or [FAILED], or [BLOCKED] if you need a person)`
      : 'say so in one line starting "DONE", "FAILED" or "BLOCKED"';
  return `${taskMarker(task.id)} ${task.text.replace(/\s*\n\s*/g, ' ').trim()} — When this task is over, commit your work, then ${where}.`;
}
