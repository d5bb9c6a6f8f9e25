// Cold start of a real agent CLI (the agent bench's pinned Codex or Gemini CLI, in a sandbox against its fake
// API): when the input box is drawn, when the agent shows it is ready, and whether a task typed at once, then
// Enter after `--enter MS`, is submitted: how long the typed text takes to appear and to reach the model API.
// Usage: npx tsx bench/agent-cold-start.ts codex|gemini [--enter 150] [--wait 0] [--runs 1]
//   --wait MS: type that long after the input box is drawn (0: at once)
import { execa } from 'execa';
import { setTimeout as sleep } from 'node:timers/promises';
import { codex } from '../test/agents/codex/adapter.js';
import { gemini } from '../test/agents/gemini/adapter.js';
import { startFakeApi } from '../test/agents/harness/fake-api/server.js';
import { findInstalled } from '../test/agents/harness/installed.js';
import { endProcessesWithHome } from '../test/agents/harness/leftovers.js';
import { createSandbox } from '../test/agents/harness/sandbox.js';
import { say } from '../test/agents/harness/script.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const which = args[0] === 'gemini' ? 'gemini' : 'codex';
const adapter = which === 'gemini' ? gemini : codex;
const enterMs = opt('--enter', 150);
const waitMs = opt('--wait', 0);
const runs = opt('--runs', 1);
/** The input box, and the sign that the agent takes input (Codex 0.171: "← for agents" in the footer). */
const BOX = which === 'gemini' ? /Type your message/ : /Ask Codex to do anything/;
const READY = which === 'gemini' ? /Type your message/ : /← for agents/;
const PROBE = 'cold start probe';

async function once(run: number) {
  const installed = findInstalled(adapter.name);
  const sandbox = createSandbox({ 'README.md': '# probe\n' });
  const api = await startFakeApi(adapter.api({ turns: [say('ok')] }));
  adapter.prepare(sandbox, api.url, { auth: 'api-key' });
  const env = adapter.env(sandbox, api.url, { auth: 'api-key' });
  const socket = `ns-bench-${process.pid}-${run}`;
  const tmux = (...a: string[]) => execa('tmux', ['-L', socket, '-f', '/dev/null', ...a], { reject: false });
  const started = Date.now();
  await tmux(
    'new-session',
    '-d',
    '-x',
    '120',
    '-y',
    '40',
    '-c',
    sandbox.project,
    ...Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
    adapter.command(installed).start,
  );
  const marks: Record<string, number> = {};
  const at = (name: string) => (marks[name] ??= Date.now() - started);
  let typed = false;
  try {
    while (Date.now() - started < 120_000) {
      const screen = (await tmux('capture-pane', '-p', '-t', '0')).stdout;
      if (BOX.test(screen)) at('box drawn');
      if (READY.test(screen)) at('ready sign');
      if (marks['box drawn'] !== undefined && !typed && Date.now() - started >= marks['box drawn'] + waitMs) {
        typed = true;
        at('typed');
        await tmux('send-keys', '-t', '0', '-l', PROBE);
        await sleep(enterMs);
        await tmux('send-keys', '-t', '0', 'Enter');
      }
      if (typed && screen.includes(PROBE)) at('text visible');
      const received = api.received.some((r) => r.kind === 'main' && JSON.stringify(r.body).includes(PROBE));
      if (received) {
        at('submitted');
        break;
      }
      await sleep(100);
    }
    const last = (await tmux('capture-pane', '-p', '-t', '0')).stdout;
    return {
      run,
      marks,
      left: last.split('\n').filter((l) => l.includes(PROBE) || /for agents|shortcuts/.test(l)),
    };
  } finally {
    await tmux('kill-server');
    await api.close();
    endProcessesWithHome(sandbox.home);
    sandbox.remove();
  }
}

const load = (await execa('uptime')).stdout.trim();
console.log(
  `${which} cold start, Enter ${enterMs} ms after the text, typed ${waitMs} ms after the box; ${load}`,
);
for (let run = 1; run <= runs; run++) console.log(JSON.stringify(await once(run)));
