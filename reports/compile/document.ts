import juice from 'juice';
import { escapeHtml } from '../render/html-escape.js';
import { fillBlocks, markdownToHtmlParts } from '../render/markdown-html.js';
import { REPORT_CSS } from './style.js';

/** A section's HTML: its title and body, styles inlined (blocks that style themselves, like the timeline, are left alone). */
export function sectionHtml(title: string, markdown: string): string {
  const parts = markdownToHtmlParts(markdown);
  const html = `<h2>${escapeHtml(title)}</h2>\n${parts.html}`;
  const inlined = juice.inlineContent(html, REPORT_CSS, {
    applyAttributesTableElements: true,
    applyWidthAttributes: true,
  });
  return fillBlocks(inlined, parts.blocks);
}

/**
 * The email document: a centred 680 px table holding header, sections and footer (tables only: Outlook has no
 * flex or grid). Fixed table layout: on a phone the page is as wide as the screen, and what cannot shrink (the
 * timeline) scrolls inside its own box instead of widening the page.
 */
export function htmlDocument(
  subject: string,
  header: string,
  sections: readonly string[],
  footer: string,
): string {
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(subject)}</title></head>` +
    `<body style="margin:0;padding:0;background-color:#f4f4f4;">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#f4f4f4" style="background-color:#f4f4f4;table-layout:fixed;"><tr><td align="center" style="padding:16px 8px;">` +
    `<table role="presentation" width="680" cellpadding="0" cellspacing="0" border="0" bgcolor="#ffffff" style="width:100%;max-width:680px;table-layout:fixed;background-color:#ffffff;border:1px solid #e0e0e0;"><tr><td style="padding:20px 24px;font-family:Arial,Helvetica,sans-serif;">` +
    header +
    sections.join('\n') +
    `<p style="font:12px/1.4 Arial,Helvetica,sans-serif;color:#757575;margin:24px 0 0 0;border-top:1px solid #e0e0e0;padding-top:8px;">${footer}</p>` +
    `</td></tr></table></td></tr></table></body></html>`
  );
}
