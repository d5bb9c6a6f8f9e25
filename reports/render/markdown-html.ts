import { Marked, type Tokens } from 'marked';
import { escapeHtml } from './html-escape.js';
import { parseTimelineBlock, TIMELINE_INFO } from './timeline-block.js';
import { timelineTable } from './timeline-table.js';

const SAFE_HREF = /^(?:https?:|mailto:)/i;

/**
 * A marked instance for the report: raw HTML is shown as text (marked passes it through), links
 * other than http(s) and mailto lose their href, images become links (no remote images in email),
 * and `nightshift-timeline` blocks become coloured tables.
 */
const marked = new Marked({
  gfm: true,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(text);
    },
    link({ href, tokens }: Tokens.Link) {
      const inner = this.parser.parseInline(tokens);
      return SAFE_HREF.test(href) ? `<a href="${escapeHtml(href)}">${inner}</a>` : inner;
    },
    image({ href, text }: Tokens.Image) {
      const label = escapeHtml(text || href);
      return SAFE_HREF.test(href) ? `<a href="${escapeHtml(href)}">${label}</a>` : label;
    },
    code({ text, lang }: Tokens.Code) {
      if (lang === TIMELINE_INFO) {
        const grid = parseTimelineBlock(text);
        if (grid) return timelineTable(grid);
      }
      return `<pre><code>${escapeHtml(text)}</code></pre>\n`;
    },
  },
});

/** Markdown to HTML, safely (see above). */
export function markdownToHtml(markdown: string): string {
  return marked.parse(markdown, { async: false });
}
