#!/usr/bin/env node
// Works for `--after` ms (default 1000), then prints a connection error and exits with `--status` (default 1), every
// time it is started (resumed or not). Records `start` (with `resumed`) and `exit`.
//   node crashes.mjs --name NAME --record FILE [--after MS] [--status N] [--continue]
import { crash, flag, start, work } from './lib/fixture.mjs';

start('crashes');
await work('Migrating the schema', Number(flag('after', 1000)));
crash(Number(flag('status', 1)), [
  'Error: connect ECONNREFUSED 127.0.0.1:5432',
  '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)',
]);
