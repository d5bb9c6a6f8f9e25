// The files `nightshift init --plugin NAME` writes: a rescue plugin, its PaneTester test, and a tsconfig, ready to
// compile and pass in a folder that depends on nightshift (zod, vitest and typescript installed beside it).

/** The starter's files by relative path, for a plugin called `name` (kebab-case). */
export function pluginStarter(name: string): Record<string, string> {
  return {
    [`${name}.ts`]: `// ${name}: a rescue plugin. Load it with \`plugins: { add: [./${name}.ts] }\` in nightshift's config.
import { z } from 'zod';
import { definePlugin, duration } from 'nightshift';

const options = z.strictObject({
  /** what to type to an agent idle at its input box */
  message: z.string().default('Please continue with your task list.'),
  /** at most this many messages per hour */
  perHour: z.number().int().min(1).default(3),
  /** only after the agent has been idle this long */
  after: duration('10m').default(10 * 60_000),
});

export default definePlugin({
  name: '${name}',
  options,
  handles: ['idle'],
  async rescue(finding, ctx) {
    if (!finding.data.atInput || finding.data.idleMs < ctx.options.after) return 'pass';
    if (!ctx.limit({ max: ctx.options.perHour, per: '1h' })) return 'pass';
    const sent = await ctx.act.type(ctx.options.message, { submit: true });
    return sent.ok ? 'handled' : 'pass';
  },
});
`,
    [`${name}.test.ts`]: `import { describe, it } from 'vitest';
import { idle } from 'nightshift/plugins';
import { PaneTester, screen } from 'nightshift/testing';
import plugin from './${name}.js';

const box = screen\`
  ⏺ Done with the first task.
  ╭──────────────────────────────╮
  │ > ▮                          │
  ╰──────────────────────────────╯\`;
const working = screen\`
  > Please continue with your task list.
  ✻ Working… (1s · esc to interrupt)\`;

new PaneTester({ describe, it, checks: [idle] }).run(plugin, [
  {
    name: 'an agent idle at its input box for 10 minutes is told to go on',
    agent: { profile: 'claude-code' },
    screens: [box, working],
    ticks: 2,
    tickMs: 10 * 60_000,
    expect: { sent: ['Please continue with your task list.', 'Enter'] },
  },
  {
    name: 'not before it has been idle long enough',
    agent: { profile: 'claude-code' },
    options: { after: '30m' },
    screens: [box],
    ticks: 2,
    tickMs: 10 * 60_000,
    expect: { sent: [] },
  },
]);
`,
    'tsconfig.json': `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2023'],
          types: ['node'],
          strict: true,
          skipLibCheck: true,
          noEmit: true,
        },
        include: ['*.ts'],
      },
      null,
      2,
    )}\n`,
  };
}
