// How deeply a piece of Markdown nests, measured in one pass with no recursion, so that the
// renderer (which recurses once per level) is never handed thousands of levels. Shared by
// the save check (zod, also in the browser) and the renderer (decision 011).
//
// The measure is an estimate that errs towards counting more: a line's containers (">" and
// list markers at its start, plus the lists its indentation keeps open) and, per paragraph,
// the matched nesting of emphasis ("*", "_") and brackets. Code (fenced blocks and inline
// spans) is skipped, so code full of "*" and "[" is not mistaken for nesting.

import type { z } from "zod";

/** The deepest nesting a saved text may have. */
export const MARKDOWN_MAX_DEPTH = 20;

const SPACE = 32;
const TAB = 9;

function isSpace(code: number) {
  return code === SPACE || code === TAB;
}

/** Column width of leading whitespace (tabs to the next multiple of 4). */
function indentWidth(line: string, from: number): { width: number; end: number } {
  let width = 0;
  let i = from;
  for (; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code === SPACE) width++;
    else if (code === TAB) width += 4 - (width % 4);
    else break;
  }
  return { width, end: i };
}

/** Length of a list marker ("-", "+", "*", "1." or "1)") at `i`, followed by space or EOL; 0 if none. */
function listMarkerAt(line: string, i: number): number {
  const ch = line[i];
  let end = i;
  if (ch === "-" || ch === "+" || ch === "*") end = i + 1;
  else {
    while (
      end < line.length &&
      end - i < 9 &&
      line.charCodeAt(end) >= 48 &&
      line.charCodeAt(end) <= 57
    )
      end++;
    if (end === i || (line[end] !== "." && line[end] !== ")")) return 0;
    end++;
  }
  return end === line.length || isSpace(line.charCodeAt(end)) ? end - i : 0;
}

/** "***", "- - -", "> ___": a thematic break, not three nested list items. */
function isThematicBreak(line: string): boolean {
  const trimmed = line.replace(/^[ \t>]+/, "").replace(/[ \t]/g, "");
  return trimmed.length >= 3 && /^(?:\*+|-+|_+)$/.test(trimmed);
}

interface Opener {
  char: string;
  weight: number;
  /** Deepest matched nesting found inside this opener so far. */
  inner: number;
}

/** Matched nesting of emphasis and brackets within one paragraph, linear time. */
class InlineDepth {
  private stack: Opener[] = [];
  private counts: Record<string, number> = { "*": 0, _: 0, "[": 0 };
  max = 0;

  reset() {
    this.stack = [];
    this.counts = { "*": 0, _: 0, "[": 0 };
  }

  private open(char: string, weight: number) {
    this.stack.push({ char, weight, inner: 0 });
    this.counts[char]!++;
  }

  /** Closes the nearest opener of `char`; openers above it were never closed and are dropped. */
  private close(char: string): boolean {
    if (!this.counts[char]) return false;
    let carried = 0;
    for (;;) {
      const top = this.stack.pop()!;
      this.counts[top.char]!--;
      if (top.char === char) {
        const depth = Math.max(top.inner, carried) + top.weight;
        if (depth > this.max) this.max = depth;
        const parent = this.stack.at(-1);
        if (parent && depth > parent.inner) parent.inner = depth;
        return true;
      }
      carried = Math.max(carried, top.inner);
    }
  }

  /** Scans one line of a paragraph (not code). */
  line(text: string) {
    let i = 0;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === "\\") {
        i += 2;
        continue;
      }
      if (ch === "`") {
        // An inline code span: skip to the closing run of the same length, if there is one.
        let run = i;
        while (run < text.length && text[run] === "`") run++;
        const fence = text.slice(i, run);
        let search = run;
        let closeAt = -1;
        while ((search = text.indexOf(fence, search)) !== -1) {
          let after = search + fence.length;
          if (text[after] !== "`" && text[search - 1] !== "`") {
            closeAt = after;
            break;
          }
          while (text[after] === "`") after++;
          search = after;
        }
        i = closeAt === -1 ? run : closeAt;
        continue;
      }
      if (ch === "[") {
        this.open("[", 1);
        i++;
        continue;
      }
      if (ch === "]") {
        this.close("[");
        i++;
        continue;
      }
      if (ch === "*" || ch === "_") {
        let end = i;
        while (end < text.length && text[end] === ch) end++;
        const before = i === 0 ? " " : text[i - 1]!;
        const after = end >= text.length ? " " : text[end]!;
        // CommonMark's flanking rules, which decide whether a run can open or close.
        const spaceBefore = /\s/.test(before);
        const spaceAfter = /\s/.test(after);
        const punctBefore = /[\p{P}\p{S}]/u.test(before);
        const punctAfter = /[\p{P}\p{S}]/u.test(after);
        const left = !spaceAfter && (!punctAfter || spaceBefore || punctBefore);
        const right = !spaceBefore && (!punctBefore || spaceAfter || punctAfter);
        const weight = Math.ceil((end - i) / 2);
        const canOpen = ch === "*" ? left : left && (!right || punctBefore);
        const canClose = ch === "*" ? right : right && (!left || punctAfter);
        if (!(canClose && this.close(ch)) && canOpen) this.open(ch, weight);
        i = end;
        continue;
      }
      i++;
    }
  }
}

/**
 * The block quotes and list items a line opens at its start ("- - -" is a rule, not three
 * items; inside a fence only quotes count): how many, and where the line's text starts. Each
 * opened item's content column is pushed onto `lists`.
 */
function openedContainers(
  line: string,
  inFence: boolean,
  lists: number[],
): { depth: number; textStart: number } {
  const rule = isThematicBreak(line);
  let i = 0;
  let depth = 0;
  let column = 0;
  for (;;) {
    const space = indentWidth(line, i);
    column += space.width;
    i = space.end;
    if (i >= line.length) break;
    if (line[i] === ">") {
      depth++;
      i++;
      column++;
      continue;
    }
    if (inFence) break;
    const marker = listMarkerAt(line, i);
    if (marker > 0 && !rule) {
      depth++;
      i += marker;
      column += marker;
      lists.push(column + 1);
      continue;
    }
    break;
  }
  return { depth, textStart: i };
}

/**
 * The nesting depth of `markdown` (0 for plain text). Linear in the length of the text, so
 * it is safe to call on hostile input of any size.
 */
export function markdownDepth(markdown: string): number {
  const lines = markdown.split(/\r\n|\r|\n/);
  const inline = new InlineDepth();
  // Content columns of list items still open, from the lines above.
  const lists: number[] = [];
  let fence: { char: string; length: number } | null = null;
  let max = 0;

  for (const line of lines) {
    const lead = indentWidth(line, 0);
    if (lead.end === line.length) {
      // A blank line ends the paragraph (emphasis cannot span it); lists may continue.
      if (!fence) inline.reset();
      continue;
    }
    // Lists whose content starts right of this line's indentation are closed by it.
    while (lists.length > 0 && lists.at(-1)! > lead.width) lists.pop();
    const enclosing = lists.length;
    const { depth, textStart } = openedContainers(line, fence !== null, lists);
    const rest = line.slice(textStart);
    const total = enclosing + depth;
    if (total > max) max = total;
    const fenceMatch = /^(`{3,}|~{3,})/.exec(rest);
    if (fence) {
      if (fenceMatch && fenceMatch[1]![0] === fence.char && fenceMatch[1]!.length >= fence.length)
        fence = null;
      continue;
    }
    if (fenceMatch) {
      fence = { char: fenceMatch[1]![0]!, length: fenceMatch[1]!.length };
      inline.reset();
      continue;
    }
    inline.line(rest);
    if (inline.max > max) max = inline.max;
  }
  return max;
}

/** Is this text within the nesting a saved text may have? */
export function withinMarkdownDepth(markdown: string): boolean {
  return markdownDepth(markdown) <= MARKDOWN_MAX_DEPTH;
}

/** A Markdown field: refused, with a message next to it, when nested too deeply. */
export function markdownField(schema: z.ZodString) {
  return schema.refine(withinMarkdownDepth, "validation.markdownTooDeep");
}
