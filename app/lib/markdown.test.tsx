import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "~/components/markdown";
import { markdownToPlainText, parseMarkdown, safeHref } from "./markdown";

const html = (source: string) => renderToStaticMarkup(<Markdown source={source} />);

describe("the minutes' Markdown", () => {
  it("draws headings, paragraphs, lists, quotes, bold, italics, code and links", () => {
    const out = html(
      [
        "# Acuerdos",
        "",
        "La mesa **acordó** revisar el *PISCC* antes de `marzo`.",
        "Segunda línea.",
        "",
        "- Bogotá: ajustar el PDT",
        "- Medellín: [guía](https://example.org/guia.pdf)",
        "",
        "1. Primero",
        "2. Segundo",
        "",
        "> Cita del panel",
        "",
        "---",
      ].join("\n"),
    );
    expect(out).toContain("<h2>Acuerdos</h2>");
    expect(out).toContain("<p>La mesa <strong>acordó</strong> revisar el <em>PISCC</em> antes de <code>marzo</code>.<br/>Segunda línea.</p>");
    expect(out).toContain(
      '<ul><li>Bogotá: ajustar el PDT</li><li>Medellín: <a href="https://example.org/guia.pdf" rel="nofollow noopener noreferrer">guía</a></li></ul>',
    );
    expect(out).toContain("<ol><li>Primero</li><li>Segundo</li></ol>");
    expect(out).toContain("<blockquote><p>Cita del panel</p></blockquote>");
    expect(out).toContain("<hr/>");
  });

  it("shows raw HTML as the text it is", () => {
    const out = html('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n<a href="javascript:alert(3)">x</a>');
    expect(out).not.toMatch(/<script|<img|<a href="javascript/i);
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(out).toContain("&lt;img src=x onerror=&quot;alert(2)&quot;&gt;");
  });

  it("never links to javascript:, data:, vbscript: or another site by //, however spelled", () => {
    for (const href of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      " javascript:alert(1)",
      "java\tscript:alert(1)",
      "java\nscript:x",
      "data:text/html,<b>x</b>",
      "vbscript:x",
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "file:///etc/passwd",
    ]) {
      expect(safeHref(href), JSON.stringify(href)).toBeNull();
      const out = html(`[pulse aquí](${href})`);
      expect(out, href).not.toContain("<a");
      expect(out, href).toContain("pulse aquí");
    }
    for (const href of ["https://convoca.test/x", "http://example.org", "mailto:relatoria@convoca.test", "/encuentros/bogota-2024/materiales"])
      expect(safeHref(href)).toBe(href);
  });

  it("keeps escaped marks as text, and a lone star as a star", () => {
    expect(html("\\*no es cursiva\\* y 3 * 4")).toBe('<div class="prose"><p>*no es cursiva* y 3 * 4</p></div>');
  });

  it("gives the plain text for a summary", () => {
    expect(markdownToPlainText("## Acuerdos\n\n- **uno**\n- [dos](javascript:x)")).toBe("Acuerdos uno dos");
  });

  it("caps very long text instead of working on all of it", () => {
    expect(parseMarkdown("a".repeat(200_000))[0]).toEqual({ type: "paragraph", children: [{ type: "text", text: "a".repeat(100_000) }] });
  });
});
