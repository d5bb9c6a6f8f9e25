// The night's work as data: `queue:` (how tasks run) and `tasks:` (what to do).
import { z } from 'zod';
import { parseDuration } from '../core/duration.js';

/** A task id: it names a branch (`nightshift/<night>/<id>`) and a worktree folder. */
export const taskId = z
  .string({ error: 'required' })
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
    'use letters, digits, ".", "_" or "-" (up to 64; it names a branch and a folder)',
  )
  .refine((id) => !id.endsWith('.lock') && !id.includes('..'), 'not usable in a branch name');

/** One piece of work. */
export const taskSchema = z.strictObject({
  /** unique in the queue; default: a slug of the text */
  id: taskId.optional(),
  /** what the agent is asked to do */
  text: z.string({ error: 'required' }).trim().min(1, 'required: what the agent should do'),
  /** the agent that must do it; default: whichever agent is free first */
  agent: z.string().optional(),
  /** tasks that must be done first (by id) */
  after: z.array(z.string()).default([]),
  /** files or folders it works on: no two running tasks share one (prefixes overlap) */
  paths: z.array(z.string().min(1)).default([]),
});

/** A duration string with a default, in milliseconds. */
const ms = (fallback: number, example: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return fallback;
      const parsed = parseDuration(value);
      if (parsed === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `not a duration: ${JSON.stringify(value)} (write it like "${example}")`,
        });
        return z.NEVER;
      }
      return parsed;
    });

/** How the queue runs. */
export const queueSchema = z.strictObject({
  /** a YAML list of tasks, or a markdown checklist (each `- [ ] …` a task), read besides `tasks:` */
  file: z.string().optional(),
  /** none: the agent works in its own cwd; worktree: each task in its own git worktree and branch */
  workspace: z.enum(['none', 'worktree']).default('none'),
  /** the git repository worktrees branch from (default: the agent's cwd) */
  repo: z.string().optional(),
  /** the folder task worktrees go in (`<night>/<task-id>` below it); default: `<repo>.worktrees` beside the repository */
  worktrees: z.string().optional(),
  /** the branch or commit each task starts from (default: the repo's HEAD when the task starts) */
  base: z.string().optional(),
  /** a task running longer is stopped, marked timed out, and the agent moves on */
  timeout: ms(90 * 60_000, '90m'),
  /** an agent at its input box, no question on screen, this long after it worked: the task is over */
  quiet: ms(2 * 60_000, '2m'),
  /** a task waiting on a person (a question, a held dialog) this long is blocked and the agent moves on */
  park: ms(20 * 60_000, '20m'),
  /** tasks not reached stay queued for the next night */
  carryOver: z.boolean().default(true),
});

export type TaskConfig = z.output<typeof taskSchema>;
export type QueueConfig = z.output<typeof queueSchema>;
