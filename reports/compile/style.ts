// The report's stylesheet, inlined into every element by juice (email clients drop <style>).
// Short on purpose: every rule is repeated on every element it matches. Long words (paths, commands,
// transcript lines) wrap anywhere, so the report never scrolls sideways on a 360 px phone.

export const REPORT_CSS = `
h1 { font: bold 20px Arial, sans-serif; margin: 0 0 6px; }
h2 { font: bold 16px Arial, sans-serif; margin: 22px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #e0e0e0; }
h3 { font: bold 14px Arial, sans-serif; color: #424242; margin: 14px 0 6px; }
p { font: 14px/1.45 Arial, sans-serif; margin: 0 0 10px; overflow-wrap: anywhere; }
ol, ul { font: 14px/1.45 Arial, sans-serif; margin: 0 0 10px; padding-left: 22px; }
li { margin-bottom: 4px; overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: 0 0 12px; font: 12px Arial, sans-serif; }
th { background: #f5f5f5; border: 1px solid #e0e0e0; padding: 3px 6px; overflow-wrap: anywhere; }
td { border: 1px solid #e0e0e0; padding: 3px 6px; overflow-wrap: anywhere; }
pre { font: 11px/1.35 Menlo, Consolas, monospace; background: #f6f8fa; border: 1px solid #e0e0e0; padding: 8px; margin: 0 0 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
code { font-family: Menlo, Consolas, monospace; font-size: 12px; overflow-wrap: anywhere; }
em { color: #616161; }
a { color: #1565c0; }
`;
