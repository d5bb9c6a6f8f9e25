import { definePack } from '../../../invocation.js';
import { archiveChecks } from './archives.js';
import { editorChecks, moreEditorChecks } from './editors.js';
import { emptyingChecks } from './emptying.js';
import { environmentChecks } from './environment.js';
import { httpChecks } from './http.js';
import { namedProgramChecks } from './named-programs.js';
import { outputChecks } from './output-files.js';
import { remoteCopyChecks } from './remote-copy.js';
import {
  emptiesFile,
  envRunsCode,
  makefileFromStdin,
  extractOver,
  moveTreeAway,
  removePermissions,
  gitHookWrite,
  gitMoveBranch,
  renamedDeleter,
  httpDestroy,
  httpMutation,
  remoteSystemWrite,
  remount,
  repairFilesystem,
  runsNamedProgram,
  verbChange,
  verbDestroy,
  verbPublish,
} from './rules.js';
import { serviceChecks } from './service-clis.js';

/** The verb model's pack: programs no other pack covers are judged by their subcommands and flags. */
export const verbsPack = definePack({
  id: 'core.verbs',
  summary:
    'the verb model for programs no other pack covers: reads allowed, destructive verbs blocked, publishing and other changes held',
  rules: [
    verbDestroy,
    verbPublish,
    verbChange,
    repairFilesystem,
    httpDestroy,
    httpMutation,
    remoteSystemWrite,
    remount,
    runsNamedProgram,
    envRunsCode,
    renamedDeleter,
    gitHookWrite,
    gitMoveBranch,
    emptiesFile,
    extractOver,
    moveTreeAway,
    removePermissions,
    makefileFromStdin,
  ],
  checks: [
    ...serviceChecks,
    ...httpChecks,
    ...remoteCopyChecks,
    ...namedProgramChecks,
    ...environmentChecks,
    ...editorChecks,
    ...moreEditorChecks,
    ...emptyingChecks,
    ...archiveChecks,
    ...outputChecks,
  ],
});
