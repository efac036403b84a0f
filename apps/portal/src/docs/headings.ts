// The headings of a Markdown page, read from its source the way CommonMark reads ATX headings (`## Title`),
// outside fenced code blocks. The page's table of contents and the ids of its headings come from here, so
// the ids depend only on a heading's place: the same section has the same anchor in both languages.

export interface Heading {
  depth: number;
  text: string;
  /** 1-based line of the source, as the Markdown parser reports a node's position */
  line: number;
  id: string;
}

const ATX = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Inline Markdown reduced to its words: code spans, emphasis and links keep only their text. */
function plainText(inline: string): string {
  return inline
    .replace(/`([^`]*)`/g, '$1')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_)(.+?)\1/g, '$2')
    .trim();
}

export function headingsOf(markdown: string): Heading[] {
  const headings: Heading[] = [];
  let fence: string | null = null;
  markdown.split(/\r?\n/).forEach((source, index) => {
    const opening = FENCE.exec(source)?.[1];
    if (fence) {
      if (opening && opening[0] === fence[0] && opening.length >= fence.length) fence = null;
      return;
    }
    if (opening) {
      fence = opening;
      return;
    }
    const match = ATX.exec(source);
    if (!match?.[1]) return;
    headings.push({
      depth: match[1].length,
      text: plainText(match[2] ?? ''),
      line: index + 1,
      id: `section-${headings.length + 1}`,
    });
  });
  return headings;
}

/** `{{NAME}}` in a page replaced by this deployment's value; names without a value are left as written. */
export function fillPlaceholders(markdown: string, values: Readonly<Record<string, string>>): string {
  return markdown.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}
