import crypto from "node:crypto";
import { ValidationError } from "./errors";
import { logger } from "./logger.server";
import { markdownDepth } from "./markdown-limits";
import { renderInWorker } from "./markdown-worker.server";

// Markdown is rendered on the server only and always sanitised (the rules are in the
// worker: markdown-worker.server.ts).

/**
 * Beyond this depth the text is shown as plain text without being parsed. Higher than the
 * save limit (MARKDOWN_MAX_DEPTH), so text saved before the limit keeps its formatting,
 * and far below the thousands of levels at which the parser's recursion overflows.
 */
export const RENDER_MAX_DEPTH = 64;

/** How long a save may wait for its text to render (a page view waits RENDER_BUDGET_MS). */
export const SAVE_BUDGET_MS = 3000;

const digestOf = (markdown: string) =>
  crypto.createHash("sha256").update(markdown).digest("base64url");

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
 * that the parser or sanitiser fails on or takes too long with, degrades to escaped plain
 * text, so one comment or lesson cannot take a page down for every reader.
 */
export function renderMarkdown(markdown: string): string {
  try {
    if (markdownDepth(markdown) > RENDER_MAX_DEPTH) return plainTextHtml(markdown);
    const key = digestOf(markdown);
    // A text that just failed fails again: show it as text at once, not after a budget.
    const failedAt = failed.get(key);
    if (failedAt !== undefined && Date.now() - failedAt < FAILED_FOR_MS) {
      return plainTextHtml(markdown);
    }
    const result = renderInWorker(markdown);
    if ("html" in result) return result.html;
    // Which text (by digest, never its content) and why, for whoever looks after the server.
    logger.warn(
      { markdownDigest: key, length: markdown.length, reason: result.error },
      "Markdown shown as plain text",
    );
    if (!result.transient) {
      failed.delete(key);
      if (failed.size >= FAILED_KEPT) failed.delete(failed.keys().next().value!);
      failed.set(key, Date.now());
    }
    return plainTextHtml(markdown);
  } catch {
    return plainTextHtml(markdown);
  }
}

/**
 * Digests of texts whose render failed or overran, oldest first (bounded), with when. They
 * are tried again after a while: a long lesson may only have been slow on a busy machine.
 */
const failed = new Map<string, number>();
const FAILED_KEPT = 1000;
const FAILED_FOR_MS = 10 * 60_000;

/**
 * For saving: refuses, with a field error, Markdown fields that do not render within the
 * budget, rather than storing text every reader would then see as plain text.
 */
export function assertRendersInTime(fields: Record<string, string>) {
  const fieldErrors: Record<string, string> = {};
  for (const [name, markdown] of Object.entries(fields)) {
    const failedAt = failed.get(digestOf(markdown));
    const result =
      markdownDepth(markdown) > RENDER_MAX_DEPTH
        ? { error: "too deep" }
        : // Posting a text that just failed again costs nothing; a new one gets a longer
          // budget than a page view, so a long lesson on a busy machine is not refused.
          failedAt !== undefined && Date.now() - failedAt < FAILED_FOR_MS
          ? { error: "failed recently" }
          : renderInWorker(markdown, SAVE_BUDGET_MS);
    if ("error" in result && !("transient" in result && result.transient)) {
      fieldErrors[name] = "validation.markdownTooComplex";
      failed.set(digestOf(markdown), failedAt ?? Date.now());
    }
  }
  if (Object.keys(fieldErrors).length > 0) throw new ValidationError(fieldErrors);
}
