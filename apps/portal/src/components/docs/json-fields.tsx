import type { ReactNode } from 'react';
import { Code, cellClass, DocTable } from './doc-parts.tsx';

function shownValue(value: unknown): ReactNode {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return <Code>{String(value)}</Code>;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
    return (
      <ul className="flex flex-wrap gap-1">
        {value.map((item) => (
          <li key={item}>
            <Code>{item}</Code>
          </li>
        ))}
      </ul>
    );
  return (
    <pre className="overflow-x-auto font-mono text-xs">
      <code>{JSON.stringify(value, null, 2)}</code>
    </pre>
  );
}

/** Every field of a discovery document as the server sent it, one row each, in its order. */
export function JsonFields({
  document,
  head,
  caption,
}: {
  document: Record<string, unknown>;
  head: [string, string];
  caption?: string;
}) {
  return (
    <DocTable head={head} {...(caption ? { caption } : {})}>
      {Object.entries(document).map(([key, value]) => (
        <tr key={key} data-field={key}>
          <th scope="row" className={`${cellClass} text-left font-normal`}>
            <Code>{key}</Code>
          </th>
          <td className={cellClass}>{shownValue(value)}</td>
        </tr>
      ))}
    </DocTable>
  );
}
