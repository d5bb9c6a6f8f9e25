// doctor's checks: each independent of the others, each a few lines of output.
import { connect } from 'node:net';
import { nextRuns } from '../../../config/cron.js';
import { formatProblems } from '../../errors.js';
import { checkTmuxVersion } from '../../tmux/index.js';
import { configWritableByAgents } from '../runtime.js';
import { line, type DoctorCheck, type DoctorLine } from './types.js';

/** tmux is installed and new enough. */
export const tmuxCheck: DoctorCheck = {
  name: 'tmux',
  usage: true,
  async run() {
    try {
      return [line('tmux', 'ok', (await checkTmuxVersion()).text)];
    } catch (error) {
      return [line('tmux', 'fail', message(error))];
    }
  },
};

/** The config: every error and warning the validation found, each with its path. */
export const configCheck: DoctorCheck = {
  name: 'config',
  usage: true,
  run({ preflight, loaded }) {
    if ('error' in preflight) return [line('config', 'fail', message(preflight.error))];
    const source = preflight.draft.filepath ?? 'embedded';
    const lines: DoctorLine[] = [
      ...preflight.errors.map((p) => line('config', 'fail', `${p.path}: ${p.message}`, p.path)),
      ...preflight.warnings.map((p) => line('config', 'warn', `${p.path}: ${p.message}`, p.path)),
    ];
    if (preflight.errors.length) {
      const n = preflight.errors.length;
      return [line('config', 'fail', `${source} has ${n} problem${n === 1 ? '' : 's'}`), ...lines];
    }
    const c = loaded?.config;
    const summary = c ? `${c.agents.length} agent(s), time zone ${c.timezone}` : '';
    return [line('config', 'ok', `${source}: ${summary}`), ...lines];
  },
};

/** When the night starts and the report goes out next, so a pattern that parses but means something else shows. */
export const scheduleCheck: DoctorCheck = {
  name: 'schedule',
  run({ loaded }) {
    if (!loaded) return [];
    const { night, report, timezone } = loaded.config;
    const show = (label: string, pattern: string) => {
      const times = nextRuns(pattern, timezone, 3).map((d) =>
        d.toLocaleString('sv-SE', { timeZone: timezone }).slice(0, 16),
      );
      return line('schedule', 'ok', `${label} "${pattern}": next ${times.join(', ')} (${timezone})`);
    };
    const lines = [show('night.start', night.start)];
    if (night.end) lines.push(show('night.end', night.end));
    if (report.at) lines.push(show('report.at', report.at));
    return lines;
  },
};

/** guard.allow is ignored when an agent could edit the config. */
export const guardCheck: DoctorCheck = {
  name: 'guard',
  run({ loaded }) {
    if (!loaded?.config.guard.allow.length) return [];
    if (!configWritableByAgents(loaded.filepath, loaded.config.agents)) return [];
    return [
      line(
        'guard',
        'warn',
        "the config lies inside an agent's working tree, so its guard.allow exceptions are ignored (an agent could write them); move the config out to use them",
      ),
    ];
  },
};

/** The SMTP server answers (a TCP connection; no login, nothing sent). */
export const smtpCheck: DoctorCheck = {
  name: 'smtp',
  async run({ loaded }) {
    if (!loaded) return [];
    const smtp = loaded.config.report.email?.smtp;
    if (!smtp)
      return [line('smtp', 'ok', 'no email configured: reports are written as .eml files next to report.md')];
    return [await reach(smtp)];
  },
};

function reach(url: string): Promise<DoctorLine> {
  const u = new URL(url);
  const port = Number(u.port || (u.protocol === 'smtps:' ? 465 : 587));
  return new Promise((resolve) => {
    const socket = connect({ host: u.hostname, port, timeout: 5000 });
    const done = (ok: boolean, detail: string) => {
      socket.destroy();
      resolve(line('smtp', ok ? 'ok' : 'fail', `${u.hostname}:${port} ${detail}`));
    };
    socket.once('connect', () => done(true, 'answers'));
    socket.once('timeout', () => done(false, 'did not answer within 5 s'));
    socket.once('error', (e) => done(false, e.message));
  });
}

function message(error: unknown): string {
  const problems =
    error && typeof error === 'object' && 'problems' in error && Array.isArray(error.problems)
      ? error.problems
      : [];
  const text = error instanceof Error ? error.message : String(error);
  return problems.length ? `${text}\n${formatProblems(problems)}` : text;
}
