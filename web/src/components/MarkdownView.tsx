import type { ComponentProps } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';

/**
 * Renders untrusted Markdown (prompts, model outputs, guidelines). Raw HTML is never parsed (no rehype-raw), so a
 * `<script>` shows as text; rehype-sanitize's GitHub schema then strips anything unsafe that Markdown itself can
 * produce, and react-markdown's URL transform drops `javascript:` links.
 */
const components: Components = {
  // External links open elsewhere and leak nothing back to this page.
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer nofollow" />,
  // No remote images: a model output could otherwise make every annotator's browser call a tracker.
  img: ({ alt, src }) => (
    <span className="md-image" title={typeof src === 'string' ? src : undefined}>
      [image{alt ? `: ${alt}` : ''}]
    </span>
  ),
};

const remarkPlugins: ComponentProps<typeof ReactMarkdown>['remarkPlugins'] = [remarkGfm];
const rehypePlugins: ComponentProps<typeof ReactMarkdown>['rehypePlugins'] = [rehypeSanitize];

export function MarkdownView({ text, className }: { text: string; className?: string }) {
  return (
    <div className={className ? `markdown ${className}` : 'markdown'}>
      <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
