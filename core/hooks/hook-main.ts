// The hook client's own entry (dist/hook.js): started by an agent for every hook event, so it loads only the client.
import { runHookClient } from './client.js';

const code = await runHookClient(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
process.exitCode = code;
// nothing may keep the agent waiting once the answer is printed
setTimeout(() => process.exit(code), 50).unref();
