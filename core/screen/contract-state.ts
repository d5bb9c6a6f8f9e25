// The seven states of the CLI and report contract. nightshift tells a question for the person (`question`) from an
// input box inside, so nothing types into it; to tools reading `classify --json` both are a pane waiting on a person.
import type { PaneState } from './types.js';

/** A state as the `classify --json` contract names it: confirm, secret, input, busy, limit, error or output. */
export type ContractState = Exclude<PaneState, 'question'>;

/** The contract's name for a state: a question for the person is `input` (waiting for free text or a decision). */
export function contractState(state: PaneState): ContractState {
  return state === 'question' ? 'input' : state;
}
