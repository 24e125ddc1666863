import { describe, expect, it } from "vitest";
import { renderMarkdown } from "~/lib/markdown.server";

describe("Markdown rendering", () => {
  it("renders ordinary Markdown", () => {
    const html = renderMarkdown(
      "# Title\n\nSome **bold** text and a [link](https://example.com).\n\n- one\n- two",
    );
    expect(html).toContain("<h2>Title</h2>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain(
      '<a href="https://example.com" rel="noopener noreferrer nofollow" target="_blank">link</a>',
    );
    expect(html).toContain("<li>one</li>");
  });

  const hostile: [string, string][] = [
    ["script tag", "<script>alert(1)</script>hello"],
    ["script in HTML block", "<div>\n<script src=https://evil.test/x.js></script>\n</div>"],
    ["event handler on img", '<img src="https://example.com/a.png" onerror="alert(1)">'],
    ["event handler on any tag", '<p onclick="alert(1)" onmouseover="alert(2)">x</p>'],
    ["javascript: link", "[click](javascript:alert(1))"],
    ["javascript: link with entities", '<a href="jav&#x09;ascript:alert(1)">x</a>'],
    ["mixed-case JavaScript: link", '<a href="JaVaScRiPt:alert(1)">x</a>'],
    ["data: URL image", "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["iframe", '<iframe src="https://evil.test"></iframe>'],
    ["style attribute", '<p style="background:url(javascript:alert(1))">x</p>'],
    ["svg with onload", '<svg onload="alert(1)"><circle/></svg>'],
    ["form and input", '<form action="https://evil.test"><input type="text" name="p"></form>'],
    ["object/embed", '<object data="x.swf"></object><embed src="x.swf">'],
    ["reference link to javascript:", "[a][b]\n\n[b]: javascript:alert(1)"],
    ["relative image that would call our own URL", "![x](/logout)"],
    ["plain-http image", "![x](http://tracker.example/p.gif)"],
  ];

  it.each(hostile)("neutralises %s", (_name, input) => {
    const html = renderMarkdown(input).toLowerCase();
    expect(html).not.toMatch(/<script|<iframe|<object|<embed|<svg|<form|<style/);
    expect(html).not.toMatch(/\son[a-z]+\s*=/);
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("data:text");
    expect(html).not.toMatch(/<input[^>]*type="text"/);
    expect(html).not.toContain("style=");
    expect(html).not.toMatch(/<img(?![^>]*src="https:)/);
  });
});
