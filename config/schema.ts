import { z } from 'zod';
import { parseDuration } from '../core/duration.js';
import { addressProblem } from './address.js';
import { cronProblem } from './cron.js';
import { profileOverridesSchema } from '../core/screen/profile-schema.js';
import { queueSchema, taskSchema } from './queue-schema.js';
import { httpSchema } from './http-schema.js';

/** A duration string (`90s`, `10m`, `7h`) validated and turned into milliseconds. A bare number other than 0 is refused: is `7` seconds or hours? */
export const duration = (example = '10m') =>
  z.union([z.string(), z.number()]).transform((value, ctx) => {
    if (typeof value === 'number') {
      if (value === 0) return 0; // zero needs no unit
      ctx.addIssue({
        code: 'custom',
        message: `${value} has no unit: write "${value}s", "${value}m" or "${value}h" (like "${example}")`,
      });
      return z.NEVER;
    }
    const ms = parseDuration(value);
    if (ms === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `not a duration: ${JSON.stringify(value)} (write it like "${example}")`,
      });
      return z.NEVER;
    }
    return ms;
  });

/** A cron pattern, parsed by croner (the scheduler's own parser) when the config loads. */
const cron = z
  .string()
  .min(1, 'required: a cron expression such as "0 23 * * 1-5"')
  .superRefine((pattern, ctx) => {
    const problem = cronProblem(pattern);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** An email address list as nodemailer reads it (`me@example.com`, `Me <me@example.com>`, comma-separated). */
const addresses = z.string().superRefine((text, ctx) => {
  const problem = addressProblem(text);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const timezone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a time zone: use an IANA name such as "Europe/Berlin" or "UTC"' },
);

const name = z
  .string({ error: 'required' })
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
    'use letters, digits, ".", "_" or "-" (it names a tmux window and a log file)',
  );

/** One agent: a program in a pane, with what to type once it is ready. */
export const agentSchema = z.strictObject({
  /** unique; names its tmux window and its log file */
  name,
  /** the shell command that starts the agent, e.g. `claude` */
  command: z.string({ error: 'required' }).min(1, 'required'),
  /** the command that restarts it where it left off, e.g. `claude --continue`; falls back to `command` */
  resume: z.string().min(1).optional(),
  /** screen profile: `claude-code`, `codex`, `gemini`, `aider`, `cursor`, `copilot`, `generic`, or `auto` to detect */
  profile: z.string().default('auto'),
  /** working directory (`~` expanded, relative to the config file) */
  cwd: z.string().default('.'),
  /** extra environment for the agent's command */
  env: z.record(z.string(), z.string()).default({}),
  /** the night's directive, typed into the agent once its input box is ready */
  task: z.string().optional(),
  /** what to type when the agent is resumed after a limit or nudged; defaults to a generic "continue" */
  continue: z.string().optional(),
  /** answer through the agent's own hooks when its profile has a channel (Claude Code, Gemini CLI); false: screen only */
  hooks: z.boolean().default(true),
  /** the `hosts[].name` this agent runs on (over SSH, docs/hosts.md); omitted: this machine */
  host: z.string().optional(),
  /** an existing tmux target to adopt (`session:window.pane`) instead of creating a window */
  target: z.string().optional(),
  /** pane size when nightshift creates the window */
  size: z
    .strictObject({ cols: z.number().int().min(20).default(200), rows: z.number().int().min(10).default(50) })
    .default({ cols: 200, rows: 50 }),
});

/** One machine agents run on over SSH (docs/hosts.md): nightshift starts `ssh <ssh> <nightshift> node --stdio` there. */
export const hostSchema = z.strictObject({
  /** unique; agents name it in `host:` and the report groups agents by it */
  name,
  /** the ssh(1) arguments that reach it: a Host alias from ~/.ssh/config, `user@host`, `-p 2222 ci@host` */
  ssh: z.string({ error: 'required' }).min(1, 'required: what you would type after `ssh`'),
  /** the node's state directory on that host (its journal and pane logs); `~` is the remote home */
  stateDir: z.string().default('~/.nightshift'),
  /** how to run nightshift there (a shell command line on that host) */
  nightshift: z.string().default('nightshift'),
  /** tmux -L socket on that host; default the config's `tmux.socket` */
  socket: z.string().optional(),
});

/** A policy without code: when a finding persists, do a built-in action, at most `max` times per `per`. */
export const ruleSchema = z.strictObject({
  when: z.string().min(1),
  for: duration('20m').optional(),
  times: z.number().int().min(1).optional(),
  within: duration('30m').optional(),
  do: z.enum(['nudge', 'restart', 'interrupt', 'escalate', 'give-up', 'type']),
  text: z.string().optional(),
  max: z.number().int().min(1).optional(),
  per: duration('1h').optional(),
  urgent: z.boolean().default(false),
});

/** One subcommand word, lower case (`peek`, `ship-it`). */
const verbWord = z
  .string()
  .regex(/^[a-z][a-z0-9_:-]*$/, 'a lower-case subcommand word such as "peek" or "ship-it"');

export const guardRuleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a dotted id such as "user.deploy.prod"'),
  /** program name the rule is about, after unwrapping (`kubectl`, `rm`) */
  command: z.string().min(1),
  /** regular expression over the program's arguments joined by spaces */
  args: z.string().optional(),
  verdict: z.enum(['block', 'hold']).default('block'),
  reason: z.string().min(1),
  alternative: z.string().optional(),
});

/** One webhook: `json` (a generic JSON POST), `ntfy` (a topic URL), `slack` (a Slack-compatible incoming webhook). */
const webhookSchema = z.strictObject({
  kind: z.enum(['json', 'ntfy', 'slack']),
  /** the webhook's address; put secret ones in the environment: `url: "${SLACK_WEBHOOK}"` */
  url: z.string().url('a URL such as "https://ntfy.sh/my-topic"'),
  /** extra request headers (an ntfy access token: `Authorization: "Bearer ${NTFY_TOKEN}"`) */
  headers: z.record(z.string(), z.string()).default({}),
});

/** `notify:` urgent escalations to webhooks. */
export const notifySchema = z.strictObject({
  webhooks: z.array(webhookSchema).min(1, 'at least one webhook'),
  /** at most this many notifications an hour (each one goes to every webhook); the report carries the rest */
  perHour: z.number().int().min(1).default(3),
});

export type NotifyConfig = z.output<typeof notifySchema>;

export const configSchema = z.strictObject({
  /** IANA time zone for the schedule and for reset times printed without one */
  timezone: timezone.default(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
  /** where nights, the outbox and plugin state live (relative to the config file) */
  stateDir: z.string().default('./nightshift-state'),
  tmux: z
    .strictObject({
      /** tmux -L socket name; omit to use the user's default server */
      socket: z.string().optional(),
      /** session that holds the agents' windows */
      session: name.default('nightshift'),
      /** use one persistent control-mode connection (falls back to one process per command) */
      control: z.boolean().default(true),
      /** when the tmux server is lost mid-night, recreate the layout and restart the agents with `resume` */
      recreate: z.boolean().default(true),
    })
    .default({ session: 'nightshift', control: true, recreate: true }),
  night: z
    .strictObject({
      /** cron for the night's start */
      start: cron.default('0 23 * * *'),
      /** how long the night lasts; or give `end` */
      duration: duration('7h').optional(),
      /** cron for the night's end, instead of `duration` */
      end: cron.optional(),
      /** stop the agents when the night ends (default: leave them running) */
      stopAgents: z.boolean().default(false),
    })
    .refine((n) => !(n.duration !== undefined && n.end !== undefined), {
      message: 'give either duration or end, not both',
    })
    .default({ start: '0 23 * * *', stopAgents: false }),
  watch: z
    .strictObject({
      interval: duration('2s').default(2000),
      /** per hook call; a slower plugin call is abandoned and counted as a failure */
      pluginTimeout: duration('10s').default(10_000),
    })
    .default({ interval: 2000, pluginTimeout: 10_000 }),
  agents: z.array(agentSchema).min(1, 'declare at least one agent'),
  /** other machines agents run on, over SSH (docs/hosts.md) */
  hosts: z.array(hostSchema).default([]),
  coordination: z.strictObject({ file: z.string().optional(), statusLog: z.string().optional() }).default({}),
  report: z
    .strictObject({
      /** cron for compiling and sending the report; default right after the night ends */
      at: cron.optional(),
      email: z
        .strictObject({
          to: z
            .union([z.string(), z.array(z.string()).min(1, 'give at least one address')])
            .superRefine((to, ctx) => {
              const list = Array.isArray(to) ? to : [to];
              list.forEach((text, i) => {
                const problem = addressProblem(text);
                if (problem)
                  ctx.addIssue({ code: 'custom', message: problem, path: Array.isArray(to) ? [i] : [] });
              });
            }),
          from: addresses,
          /** smtp:// or smtps:// URL, normally `${SMTP_URL}` */
          smtp: z
            .string()
            .regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL')
            .optional(),
          subjectPrefix: z.string().default('nightshift'),
          /** stop retrying a failed delivery after this long */
          deadline: duration('6h').default(6 * 3_600_000),
        })
        .optional(),
    })
    .default({}),
  guard: z
    .strictObject({
      /** built-in rules you accept, each with the reason (shown in the report when used) */
      allow: z
        .array(z.strictObject({ rule: z.string().min(1), reason: z.string().min(3, 'say why') }))
        .default([]),
      rules: z.array(guardRuleSchema).default([]),
      /** deleting project build output (node_modules, dist…): allow (default) or hold */
      buildOutput: z.enum(['allow', 'hold']).default('allow'),
      /** extra subcommand words for the verb model (tools no pack covers): `read` allows, `destroy` blocks, `publish` holds */
      verbs: z
        .strictObject({
          read: z.array(verbWord).default([]),
          destroy: z.array(verbWord).default([]),
          publish: z.array(verbWord).default([]),
        })
        .optional(),
      /** hosts that may receive code, data or secrets besides loopback and the project's git remotes (`*.acme.com`) */
      trustedHosts: z.array(z.string().regex(/^(\*\.)?[\w.:[\]-]+$/, 'a host name, or *.domain')).default([]),
      /** remotes that may receive pushes besides the project's own: names (`backup`) or URL prefixes (`github.com/acme/`) */
      trustedRemotes: z.array(z.string().min(1)).default([]),
    })
    .default({ allow: [], rules: [], buildOutput: 'allow', trustedHosts: [], trustedRemotes: [] }),
  actuator: z
    .strictObject({
      /** observe only: journal what would have been sent */
      dryRun: z.boolean().default(false),
      /** pause between typed text and Enter */
      enterDelay: duration('150ms').default(150),
      perAgentPerHour: z.number().int().min(1).default(40),
      fleetPerMinute: z.number().int().min(1).default(30),
      /** minimum gap between two actions on one agent */
      cooldown: duration('3s').default(3000),
    })
    .default({ dryRun: false, enterDelay: 150, perAgentPerHour: 40, fleetPerMinute: 30, cooldown: 3000 }),
  logs: z
    .object({
      /**
       * per agent and night: past this many MB a pane log keeps its start and its latest output, with a marker
       * between (the report says so); 0 turns the cap off
       */
      maxMB: z
        .number()
        .refine((mb) => mb === 0 || mb >= 1, 'at least 1 (MB), or 0 for no cap')
        .default(200),
    })
    .default({ maxMB: 200 }),
  retention: z
    .object({
      /** whole nights kept (the newest); older ones are removed, their report and journal kept in `archive/` */
      nights: z.number().int().min(1).default(30),
      /** nights older than this have their pane logs compressed (gzip) */
      compressAfter: duration('7d').default(7 * 86_400_000),
      /** archived reports and journals kept this many nights back (0: forever) */
      archive: z.number().int().min(0).default(365),
    })
    .default({ nights: 30, compressAfter: 7 * 86_400_000, archive: 365 }),
  /** what a night keeps for `nightshift replay` (docs/replay.md): each distinct screen once, redacted, capped */
  record: z
    .strictObject({
      screens: z.boolean().default(true),
      /** per night: past this many MB of compressed record, the rest of the night is not recorded */
      maxMB: z.number().min(1, 'at least 1 (MB)').default(200),
      /** screen records kept for this many of the newest nights (older nights keep their journal, not their screens) */
      nights: z.number().int().min(1).default(14),
    })
    .default({ screens: true, maxMB: 200, nights: 14 }),
  /** webhooks told right away about urgent escalations (besides the urgent mail), rate-limited like it */
  notify: notifySchema.optional(),
  /** the runner's status endpoint: Prometheus metrics, a status API and a live page (docs/observability.md); off when absent */
  http: httpSchema.optional(),
  /** profile additions and overrides, keyed by profile name */
  profiles: profileOverridesSchema.default({}),
  rules: z.array(ruleSchema).default([]),
  /** how the night's task queue runs (docs/queue.md); with `tasks:` or `queue:` set, agents work through a queue */
  queue: queueSchema.optional(),
  /** the night's work, one task each (docs/queue.md) */
  tasks: z.array(taskSchema).default([]),
  /**
   * omitted: the built-in set with defaults. A list (plugin names, paths, package names, `{ name, options }` or plugin
   * objects; falsy entries skipped) replaces the built-in set; `{ add, remove }` keeps it, without the names in
   * `remove`, with `add` after it (an added `{ name: <built-in>, options }` configures that built-in in place).
   * Checked by the loader.
   */
  plugins: z
    .union([
      z.array(z.unknown()),
      z.strictObject({ add: z.array(z.unknown()).optional(), remove: z.array(z.string()).optional() }),
    ])
    .optional(),
});

/** The config as written (durations as strings, defaults optional). */
export type UserConfig = z.input<typeof configSchema>;
/** The config after validation: defaults applied, durations in milliseconds. */
export type Config = z.output<typeof configSchema>;
export type AgentConfig = z.output<typeof agentSchema>;
export type HostConfig = z.output<typeof hostSchema>;
export type RuleConfig = z.output<typeof ruleSchema>;
export type GuardRuleConfig = z.output<typeof guardRuleSchema>;
