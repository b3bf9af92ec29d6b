import type { LineIndex } from '../text/lineIndex';

const DIRECTIVE = /#\s*meshaware-disable-next-line\b([^\n\r]*)/g;

/**
 * Lines whose findings are suppressed, from `# meshaware-disable-next-line [CODE[, CODE…]]` comments: the
 * listed codes (or every code when none is listed) on the line after the comment.
 */
export function suppressedLines(text: string, lines: LineIndex): Map<number, Set<string> | 'all'> {
  const out = new Map<number, Set<string> | 'all'>();
  if (!text.includes('meshaware-disable-next-line')) return out;
  for (const m of text.matchAll(DIRECTIVE)) {
    const line = lines.positionAt(m.index).line + 1;
    const codes = m[1].split(/[\s,]+/).filter((c) => /^MA\d{3}$/.test(c));
    const prior = out.get(line);
    if (codes.length === 0 || prior === 'all') out.set(line, 'all');
    else out.set(line, new Set([...(prior ?? []), ...codes]));
  }
  return out;
}
