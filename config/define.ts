import type { UserConfig } from './schema.js';

/** Identity helper for `nightshift.config.ts`: gives the config object its type and editor completion. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
