// `nightshift/testing`: test plugins without tmux, with the real guard and actuator rules.
export { PaneTester, type PaneCase, type PaneExpect, type PaneResult } from './pane-tester.js';
export { FakeTmux, type Sent } from './fake-tmux.js';
export { screen, dedent, drawnBy, CURSOR, type Screen } from './screen.js';
export { loadCorpusCases } from './corpus-cases.js';
