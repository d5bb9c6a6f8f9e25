// The report's stylesheet, inlined into every element by juice (email clients drop <style>).

export const REPORT_CSS = `
h1 { font: bold 20px/1.3 Arial, Helvetica, sans-serif; color: #212121; margin: 0 0 6px 0; }
h2 { font: bold 16px/1.3 Arial, Helvetica, sans-serif; color: #212121; margin: 22px 0 8px 0; padding: 0 0 4px 0; border-bottom: 1px solid #e0e0e0; }
h3 { font: bold 14px/1.3 Arial, Helvetica, sans-serif; color: #424242; margin: 14px 0 6px 0; }
p { font: 14px/1.45 Arial, Helvetica, sans-serif; color: #212121; margin: 0 0 10px 0; }
li { font: 14px/1.45 Arial, Helvetica, sans-serif; color: #212121; margin: 0 0 6px 0; }
ol, ul { margin: 0 0 10px 0; padding: 0 0 0 22px; }
table { border-collapse: collapse; margin: 0 0 12px 0; }
th { font: bold 12px/1.3 Arial, Helvetica, sans-serif; color: #424242; background-color: #f5f5f5; border: 1px solid #e0e0e0; padding: 4px 6px; text-align: left; }
td { font: 12px/1.3 Arial, Helvetica, sans-serif; color: #212121; border: 1px solid #e0e0e0; padding: 4px 6px; vertical-align: top; }
pre { font: 11px/1.35 Menlo, Consolas, 'Courier New', monospace; color: #212121; background-color: #f6f8fa; border: 1px solid #e0e0e0; padding: 8px; margin: 0 0 12px 0; overflow: auto; }
code { font-family: Menlo, Consolas, 'Courier New', monospace; font-size: 12px; background-color: #f3f3f3; }
pre code { background-color: transparent; font-size: 11px; }
strong { font-weight: bold; }
em { font-style: italic; color: #616161; }
a { color: #1565c0; }
`;
