// The runner's control endpoint: protocol, route registry, server and client.
export * from './protocol.js';
export { ControlRoutes, type ControlRoute, type ControlContext } from './routes.js';
export { startControlServer, type ControlServer, type ControlLimits, type ControlProblem } from './server.js';
export { askControl, readEndpoint } from './client.js';
export { endpointFile, socketPathFor } from './place.js';
