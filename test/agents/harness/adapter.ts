// The seam between the bench and one agent CLI: how it is installed, how its sandbox is prepared, what
// environment and command start it, and which fake model API it talks to. Everything else is agent-neutral.
import type { ApiHandler } from './fake-api/server.js';
import type { Sandbox } from './sandbox.js';
import type { ModelScript } from './script.js';

/** How the agent signs in to its model API in a scenario. */
export type Auth =
  /** a pay-as-you-go API key */
  | 'api-key'
  /** a subscriber's sign-in (limits worded as a subscriber sees them) */
  | 'subscription';

/** What a scenario asks of the sandbox before the agent starts. */
export interface StartOptions {
  readonly auth: Auth;
  /** leave the folder untrusted, so the agent's trust dialog shows on start */
  readonly untrusted?: boolean;
  /** the night wires the agent's hooks; 'untrusted': the person never trusted them (an agent that asks, Codex) */
  readonly hooks?: boolean | 'untrusted';
}

/** Where the agent is and what it reports. */
export interface Installed {
  /** the executable */
  readonly bin: string;
  /** the version the executable reports */
  readonly version: string;
}

/** One agent CLI plugged into the bench. */
export interface AgentAdapter {
  /** the key in test/agents/versions.json, and the folder name under captures */
  readonly name: string;
  /** nightshift's profile for it */
  readonly profile: string;
  /** the fake model API's handler for a scenario's script */
  api(script: ModelScript): ApiHandler;
  /** writes the agent's config and first-run answers under the sandbox's HOME (and wherever else it reads them) */
  prepare(sandbox: Sandbox, apiUrl: string, options: StartOptions): void | Promise<void>;
  /** the environment the agent starts with: HOME, API address, key, no telemetry */
  env(sandbox: Sandbox, apiUrl: string, options: StartOptions): Record<string, string>;
  /** the shell command that starts it in the project, and the one that resumes it */
  command(installed: Installed): { start: string; resume: string };
}
