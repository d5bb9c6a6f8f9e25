import { main } from './core/cli.js';
const code = await main(['logs', 'builder', '--follow'], { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: '/tmp/dl', isTTY: false });
console.error('code', code);
