// What the bench asks of each agent CLI: a fake model API for a script of steps, and a sandboxed start command.
import type { RecordedRequest } from '../fake-api/recording-server.js';
import type { Sandbox } from '../sandbox.js';

/** An API failure a step can ask for, in each API's own shape. */
export type FailureKind = 'usage-limit' | 'quota' | 'invalid-key' | 'server-error';

/** One model turn, said once for every agent; each adapter turns it into its API's wire format. */
export type Step =
  | { readonly say: string }
  | { readonly run: string; readonly reason?: string }
  | { readonly create: string; readonly content: string }
  | { readonly edit: string; readonly old: string; readonly new: string }
  | { readonly fail: FailureKind; readonly resetAt?: Date };

/** A running fake model API, as the scenarios read it. */
export interface FakeApi {
  readonly requests: readonly RecordedRequest[];
  /** model turns served from the script */
  readonly served: number;
  /** tool results the agent sent back, as text */
  toolOutputs(): readonly string[];
  /** the person's (or nightshift's) prompts the agent sent */
  userTurns(): readonly string[];
  close(): Promise<void>;
}

/** The agent entry for the nightshift config, and what the bench needs to know about the run. */
export interface AgentLaunch {
  readonly command: string;
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly profile: string;
}

/** One agent CLI plugged into the bench. */
export interface AgentAdapter {
  /** the key in test/agents/versions.json */
  readonly name: string;
  /** the nightshift profile for its screens */
  readonly profile: string;
  readonly version: string;
  /** starts the fake model API serving `steps` */
  startApi(steps: readonly Step[]): Promise<FakeApi>;
  /** writes the agent's settings into the sandbox; `trusted: false` leaves the first-start folder trust to be asked */
  prepare(sandbox: Sandbox, api: FakeApi & { readonly origin: string }, options: { trusted: boolean }): AgentLaunch;
}
