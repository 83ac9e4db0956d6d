/**
 * A remark plugin that shows raw HTML written in Markdown as the literal text it is. react-markdown already refuses
 * to render HTML, but it drops the tags silently, so `<script>x</script>` would read as `x`: an annotator judging a
 * model output must see exactly what the model wrote, markup included.
 */
interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

// Parents whose children are blocks: an HTML block there becomes a paragraph of text, not a bare text node.
const FLOW_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

function convert(node: MdNode) {
  if (!node.children) return;
  node.children = node.children.map((child) => {
    if (child.type !== 'html') {
      convert(child);
      return child;
    }
    const text: MdNode = { type: 'text', value: child.value ?? '' };
    return FLOW_PARENTS.has(node.type) ? { type: 'paragraph', children: [text] } : text;
  });
}

export function remarkHtmlAsText() {
  return (tree: unknown) => convert(tree as MdNode);
}
