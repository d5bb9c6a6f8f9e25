export { compileReport, HTML_LIMIT, type CompileOptions, type CompiledNightReport } from './compile.js';
export { headline, subjectLine, type Counts } from './header.js';
