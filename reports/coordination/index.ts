// The agents' own records: the coordination file and the status log.
export type * from './types.js';
export { parseCoordination, readCoordination } from './coordination-file.js';
export { parseStatusLog, readStatusLog } from './status-log.js';
export { readTextFile, type TextRead } from './read-text.js';
