// The standard sections of the morning report, each built from the night model.
export { dryRunSection } from './dry-run.js';
export { workSection } from './work.js';
export { needsYouSection } from './needs-you.js';
export { failuresSection } from './failures.js';
export { parksSection, lostToParks } from './parks.js';
export { producedSection } from './produced.js';
export { rescuesSection } from './rescues.js';
export { agentsSection } from './agents-table.js';
export { timelineSection } from './timeline.js';
export { hostsSection } from './hosts.js';
export { coordinationSection } from './coordination-health.js';
export { pluginsSection, warningsSection } from './plugins-and-warnings.js';
export { agentDetailSection, paneSizes, type DetailOptions } from './agent-detail.js';
