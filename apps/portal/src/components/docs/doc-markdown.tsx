import Link from 'next/link';
import type { ComponentProps, ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { headingsOf } from '../../docs/headings.ts';

type HeadingTag = 'h1' | 'h2' | 'h3' | 'h4';

const HEADING_CLASS: Record<HeadingTag, string> = {
  h1: 'text-2xl font-semibold text-slate-900',
  h2: 'mt-10 scroll-mt-4 border-b border-slate-200 pb-1 text-xl font-semibold text-slate-900',
  h3: 'mt-6 scroll-mt-4 text-lg font-semibold text-slate-900',
  h4: 'mt-4 font-semibold text-slate-900',
};

/** A code block: light text on dark for contrast, long lines wrapped so nothing hides past the edge. */
export function CodeBlock({ children }: { children: ReactNode }) {
  return (
    <pre className="my-4 rounded-lg bg-slate-900 p-4 font-mono text-sm leading-relaxed whitespace-pre-wrap text-slate-50 [overflow-wrap:anywhere] [&_code]:bg-transparent [&_code]:p-0 [&_code]:text-inherit">
      {children}
    </pre>
  );
}

/**
 * A documentation page's Markdown (GitHub-flavoured: tables, lists) as React elements. Raw HTML in the
 * source is dropped, links keep react-markdown's safe-URL filter, and each heading gets the id its place
 * gives it (headingsOf), the same in both languages.
 */
export function DocMarkdown({ markdown }: { markdown: string }) {
  const ids = new Map(headingsOf(markdown).map((heading) => [heading.line, heading.id]));
  const heading =
    (Tag: HeadingTag) =>
    ({
      node,
      children,
    }: ComponentProps<HeadingTag> & { node?: { position?: { start: { line: number } } } }) => (
      <Tag id={ids.get(node?.position?.start.line ?? 0)} className={HEADING_CLASS[Tag]}>
        {children}
      </Tag>
    );
  const components: Components = {
    h1: heading('h1'),
    h2: heading('h2'),
    h3: heading('h3'),
    h4: heading('h4'),
    p: ({ children }) => <p className="my-3 leading-relaxed text-slate-800">{children}</p>,
    ul: ({ children }) => <ul className="my-3 list-disc space-y-1 pl-6 text-slate-800">{children}</ul>,
    ol: ({ children }) => <ol className="my-3 list-decimal space-y-1 pl-6 text-slate-800">{children}</ol>,
    a: ({ href, children }) =>
      href?.startsWith('/') ? (
        <Link href={href} className="text-brand-700 underline hover:text-brand-800">
          {children}
        </Link>
      ) : (
        <a href={href} rel="noreferrer" className="text-brand-700 underline hover:text-brand-800">
          {children}
        </a>
      ),
    code: ({ children }) => (
      <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.9em] text-slate-900">
        {children}
      </code>
    ),
    pre: ({ children }) => <CodeBlock>{children}</CodeBlock>,
    table: ({ children }) => (
      <div className="my-4 overflow-x-auto">
        <table className="min-w-full border-collapse text-sm">{children}</table>
      </div>
    ),
    th: ({ children }) => (
      <th className="border-b border-slate-300 px-3 py-2 text-left font-semibold">{children}</th>
    ),
    td: ({ children }) => <td className="border-b border-slate-200 px-3 py-2 align-top">{children}</td>,
  };
  return (
    <ReactMarkdown remarkPlugins={[remarkGfm]} skipHtml components={components}>
      {markdown}
    </ReactMarkdown>
  );
}
