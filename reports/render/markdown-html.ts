import { Marked, type Tokens } from 'marked';
import { escapeHtml } from './html-escape.js';
import { parseTimelineBlock, TIMELINE_INFO } from './timeline-block.js';
import { timelineTable } from './timeline-table.js';

const SAFE_HREF = /^(?:https?:|mailto:)/i;

/** HTML with placeholders (`<!--ns-block-N-->`) for blocks that carry their own inline styles and must not be restyled. */
export interface HtmlParts {
  readonly html: string;
  readonly blocks: readonly string[];
}

/** Blocks rendered during the current parse (marked renders synchronously). */
let blocks: string[] = [];

/**
 * A marked instance for the report: raw HTML is shown as text (marked passes it through), links
 * other than http(s) and mailto lose their href, images become links (no remote images in email),
 * and `nightshift-timeline` blocks become coloured tables (left as placeholders, see HtmlParts).
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
        if (grid) {
          blocks.push(timelineTable(grid));
          return `<!--ns-block-${blocks.length - 1}-->\n`;
        }
      }
      return `<pre><code>${escapeHtml(text)}</code></pre>\n`;
    },
  },
});

/** Markdown to HTML, safely (see above), with styled blocks as placeholders. */
export function markdownToHtmlParts(markdown: string): HtmlParts {
  blocks = [];
  const html = marked.parse(markdown, { async: false });
  const parts = { html, blocks };
  blocks = [];
  return parts;
}

/** Puts the blocks back into their placeholders. */
export function fillBlocks(html: string, parts: readonly string[]): string {
  return html.replace(/<!--ns-block-(\d+)-->/g, (m, i: string) => parts[Number(i)] ?? m);
}

/** Markdown to HTML, safely (see above). */
export function markdownToHtml(markdown: string): string {
  const parts = markdownToHtmlParts(markdown);
  return fillBlocks(parts.html, parts.blocks);
}
