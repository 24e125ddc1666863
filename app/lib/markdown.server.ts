import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";
import { markdownDepth } from "./markdown-limits";

// Markdown is rendered on the server only and always sanitised: no scripts, no event
// handlers, no javascript:/data: links, no inline styles, no iframes.
// Exported so a test can make it fail and see the page survive.
export const markdownParser = new Marked({ gfm: true, breaks: false, async: false });

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "br",
    "hr",
    "blockquote",
    "pre",
    "code",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "del",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "input",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel", "target"],
    img: ["src", "alt", "title"],
    code: ["class"],
    th: ["align"],
    td: ["align"],
    input: ["type", "checked", "disabled"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["https"] },
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    // Links open safely in a new tab.
    a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow", target: "_blank" }),
    // User content sits below the page's own h1 (lesson, idea title): its headings, from
    // Markdown or raw HTML, move one level down, h6 staying h6.
    h1: "h2",
    h2: "h3",
    h3: "h4",
    h4: "h5",
    h5: "h6",
  },
  // Only absolute https images (a relative src would make the reader's browser call our own
  // URLs), and only task-list checkboxes.
  exclusiveFilter: (frame) =>
    (frame.tag === "input" && frame.attribs.type !== "checkbox") ||
    (frame.tag === "img" && !/^https:\/\//i.test(frame.attribs.src ?? "")),
};

/**
 * Beyond this depth the text is shown as plain text without being parsed. Higher than the
 * save limit (MARKDOWN_MAX_DEPTH), so text saved before the limit keeps its formatting,
 * and far below the thousands of levels at which the parser's recursion overflows.
 */
export const RENDER_MAX_DEPTH = 64;

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** The text as escaped paragraphs: what a reader sees when the Markdown cannot be rendered. */
export function plainTextHtml(text: string): string {
  return text
    .split(/(?:\r?\n[ \t]*){2,}/)
    .filter((paragraph) => paragraph.trim() !== "")
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\r?\n/g, "<br>")}</p>`)
    .join("\n");
}

/**
 * Sanitised HTML for one piece of user Markdown. Never throws: text nested too deeply, or
 * anything the parser or sanitiser fails on, degrades to escaped plain text, so one comment
 * or lesson cannot take a page down for every reader.
 */
export function renderMarkdown(markdown: string): string {
  try {
    if (markdownDepth(markdown) > RENDER_MAX_DEPTH) return plainTextHtml(markdown);
    const html = markdownParser.parse(markdown) as string;
    return sanitizeHtml(html, SANITIZE_OPTIONS);
  } catch {
    return plainTextHtml(markdown);
  }
}
