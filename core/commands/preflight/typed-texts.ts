import { loadedFrom } from '../../../config/load.js';
import { checkTypedTexts, guardFor } from '../runtime.js';
import { error, type ConfigCheck } from './types.js';

/** Every agent's task and continue message passes the guard, or the night would refuse to type them. */
export const typedTextsCheck: ConfigCheck = {
  name: 'typed texts',
  run(draft) {
    if (!draft.config) return { problems: [] }; // needs a valid config; the schema's problems come first
    const loaded = loadedFrom(draft);
    return {
      problems: checkTypedTexts(loaded.config.agents, guardFor(loaded)).map((p) => error(p.path, p.message)),
    };
  },
};
