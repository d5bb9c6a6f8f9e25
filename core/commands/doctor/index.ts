import { loadedFrom } from '../../../config/load.js';
import { preflight } from '../preflight/index.js';
import { defineCommand, type CommandIO } from '../types.js';
import { configCheck, guardCheck, scheduleCheck, smtpCheck, tmuxCheck } from './checks.js';
import { privacyDoctorCheck } from '../doctor-privacy.js';
import { hostsCheck } from './hosts-check.js';
import { hooksDoctorCheck } from '../doctor-hooks.js';
import type { DoctorCheck, DoctorContext, DoctorLine } from './types.js';

/** doctor's checks in output order; each is independent (add one by adding it here). */
export const DOCTOR_CHECKS: readonly DoctorCheck[] = [
  tmuxCheck,
  configCheck,
  scheduleCheck,
  guardCheck,
  smtpCheck,
  privacyDoctorCheck,
  hostsCheck,
  hooksDoctorCheck,
];

export default defineCommand({
  name: 'doctor',
  summary: 'check tmux, the config, the state dir and SMTP',
  usage: `Usage: nightshift doctor [--json]

Checks what a night needs: tmux (3.2 or newer); the config, every problem in one pass with its
path (schema, cron patterns, addresses, agent folders and programs, the state dir, plugins and
their options, the coordination files); the schedule's next times; and that the SMTP server
answers. Exits 0 when all is well (warnings included), 2 when the config or tmux is unusable,
1 otherwise.`,
  async run(args, io) {
    let checked: DoctorContext['preflight'];
    try {
      checked = await preflight(args, io);
    } catch (error) {
      checked = { error };
    }
    const loaded =
      !('error' in checked) && !checked.errors.length && checked.plugins
        ? loadedFrom(checked.draft)
        : undefined;
    const ctx: DoctorContext = { args, io, preflight: checked, loaded };
    let exit = 0;
    const lines: DoctorLine[] = [];
    for (const check of DOCTOR_CHECKS) {
      const out = await check.run(ctx);
      lines.push(...out);
      if (out.some((l) => l.level === 'fail')) exit = check.usage ? 2 : Math.max(exit, 1);
    }
    print(lines, args.values.json === true, io);
    return exit;
  },
});

function print(lines: readonly DoctorLine[], json: boolean, io: CommandIO): void {
  if (json) {
    for (const l of lines) io.stdout.write(`${JSON.stringify(l)}\n`);
    return;
  }
  const mark = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' } as const;
  for (const l of lines) io.stdout.write(`${mark[l.level]} ${l.name.padEnd(10)} ${l.detail}\n`);
}
