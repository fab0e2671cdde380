// A small, safe subset of Markdown for what organizers write (the minutes): headings, paragraphs,
// lists, quotes, rules, bold, italics, code and links. It parses into a tree of plain data that
// React draws (app/components/markdown.tsx), so nothing typed ever becomes markup: raw HTML is
// shown as the text it is, and a link goes only to http(s), mailto or an address of this site;
// any other (javascript:, data:, vbscript:, "//elsewhere") stays plain text.

export type Inline =
  | { type: "text"; text: string }
  | { type: "strong"; children: Inline[] }
  | { type: "em"; children: Inline[] }
  | { type: "code"; text: string }
  | { type: "link"; href: string; children: Inline[] }
  | { type: "break" };

export type Block =
  | { type: "heading"; level: 1 | 2 | 3; children: Inline[] }
  | { type: "paragraph"; children: Inline[] }
  | { type: "list"; ordered: boolean; items: Inline[][] }
  | { type: "quote"; children: Block[] }
  | { type: "rule" };

/** The longest text the minutes accept (per part). */
export const maxMarkdownLength = 100_000;

/** The address a link may go to, or null: http(s), mailto, or a path of this site. */
export function safeHref(raw: string): string | null {
  // Browsers drop TAB, CR and LF inside URLs and ignore leading spaces and control characters.
  // eslint-disable-next-line no-control-regex
  const href = raw.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  if (/^https?:\/\/[^/\\]/i.test(href) || /^mailto:[^/\\]/i.test(href)) return href;
  if (/^\/(?![/\\])/.test(href)) return href;
  return null;
}

const listItem = /^\s{0,3}([-*+]|\d{1,9}[.)])\s+(.*)$/;

export function parseMarkdown(source: string): Block[] {
  const lines = source.slice(0, maxMarkdownLength).replace(/\r\n?/g, "\n").split("\n");
  return parseBlocks(lines);
}

function parseBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
      continue;
    }
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      blocks.push({ type: "heading", level: Math.min(heading[1].length, 3) as 1 | 2 | 3, children: parseInline(heading[2]) });
      i++;
      continue;
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      blocks.push({ type: "rule" });
      i++;
      continue;
    }
    if (/^\s{0,3}>/.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && /^\s{0,3}>/.test(lines[i])) quoted.push(lines[i++].replace(/^\s{0,3}>\s?/, ""));
      blocks.push({ type: "quote", children: parseBlocks(quoted) });
      continue;
    }
    const first = listItem.exec(line);
    if (first) {
      const ordered = /\d/.test(first[1]);
      const items: string[] = [];
      while (i < lines.length && lines[i].trim()) {
        const item = listItem.exec(lines[i]);
        if (item && /\d/.test(item[1]) === ordered) items.push(item[2]);
        else if (item) break;
        else items[items.length - 1] += `\n${lines[i].trim()}`; // a continuation line
        i++;
      }
      blocks.push({ type: "list", ordered, items: items.map((text) => parseInline(text)) });
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && lines[i].trim() && !/^\s{0,3}(#{1,6}\s|>)/.test(lines[i]) && !listItem.test(lines[i])) paragraph.push(lines[i++].trim());
    if (paragraph.length === 0) paragraph.push(lines[i++].trim());
    blocks.push({ type: "paragraph", children: parseInline(paragraph.join("\n")) });
  }
  return blocks;
}

/** Inline marks of one block's text; a line break inside it is kept as a break. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = "";
  const flush = () => {
    if (plain) out.push({ type: "text", text: plain });
    plain = "";
  };
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === "\\" && i + 1 < text.length && /[\\`*_[\]()#+\-.!>]/.test(text[i + 1])) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (char === "\n") {
      flush();
      out.push({ type: "break" });
      i++;
      continue;
    }
    if (char === "`") {
      const end = text.indexOf("`", i + 1);
      if (end > i + 1) {
        flush();
        out.push({ type: "code", text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if ((char === "*" || char === "_") && text[i + 1] === char) {
      const end = text.indexOf(char + char, i + 2);
      if (end > i + 2) {
        flush();
        out.push({ type: "strong", children: parseInline(text.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if ((char === "*" || char === "_") && text[i + 1] && !/\s/.test(text[i + 1])) {
      const end = text.indexOf(char, i + 1);
      if (end > i + 1 && !/\s/.test(text[end - 1]) && text[end + 1] !== char) {
        flush();
        out.push({ type: "em", children: parseInline(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (char === "[") {
      const close = text.indexOf("](", i + 1);
      const end = close > i ? text.indexOf(")", close + 2) : -1;
      if (close > i && end > close) {
        const label = text.slice(i + 1, close);
        const href = safeHref(text.slice(close + 2, end).replace(/\s+"[^"]*"\s*$/, ""));
        flush();
        if (href) out.push({ type: "link", href, children: parseInline(label) });
        else out.push(...parseInline(label));
        i = end + 1;
        continue;
      }
    }
    plain += char;
    i++;
  }
  flush();
  return out;
}

/** The text without marks (a summary, a mail's preview). */
export function markdownToPlainText(source: string): string {
  const inline = (nodes: Inline[]): string =>
    nodes.map((n) => (n.type === "text" || n.type === "code" ? n.text : n.type === "break" ? " " : "children" in n ? inline(n.children) : "")).join("");
  const block = (b: Block): string =>
    b.type === "list" ? b.items.map(inline).join(" ") : b.type === "quote" ? b.children.map(block).join(" ") : b.type === "rule" ? "" : inline(b.children);
  return parseMarkdown(source).map(block).filter(Boolean).join(" ").replace(/\s+/g, " ").trim();
}
