import { Fragment, type ReactNode } from "react";
import { parseMarkdown, type Block, type Inline } from "~/lib/markdown";

// Draws what organizers wrote in Markdown (app/lib/markdown.ts) as React elements: text is
// always text, never markup. Headings start at `baseLevel` so they fit under the page's own.

function inline(nodes: Inline[]): ReactNode {
  return nodes.map((node, i) => {
    switch (node.type) {
      case "text":
        return <Fragment key={i}>{node.text}</Fragment>;
      case "break":
        return <br key={i} />;
      case "code":
        return <code key={i}>{node.text}</code>;
      case "strong":
        return <strong key={i}>{inline(node.children)}</strong>;
      case "em":
        return <em key={i}>{inline(node.children)}</em>;
      case "link":
        return (
          <a key={i} href={node.href} rel="nofollow noopener noreferrer">
            {inline(node.children)}
          </a>
        );
    }
  });
}

function block(node: Block, key: number, baseLevel: number): ReactNode {
  switch (node.type) {
    case "heading": {
      const Tag = `h${Math.min(baseLevel + node.level - 1, 6)}` as "h2";
      return <Tag key={key}>{inline(node.children)}</Tag>;
    }
    case "paragraph":
      return <p key={key}>{inline(node.children)}</p>;
    case "rule":
      return <hr key={key} />;
    case "quote":
      return <blockquote key={key}>{node.children.map((child, i) => block(child, i, baseLevel))}</blockquote>;
    case "list": {
      const items = node.items.map((item, i) => <li key={i}>{inline(item)}</li>);
      return node.ordered ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
    }
  }
}

export function Markdown({ source, baseLevel = 2 }: { source: string; baseLevel?: number }) {
  return <div className="prose">{parseMarkdown(source).map((node, i) => block(node, i, baseLevel))}</div>;
}
