import type { SyntaxProblem } from './manifest';

/**
 * Where a YAML syntax error comes from. The parser notices an unclosed `[`, `{` or quote only where the
 * collection or string should have ended (often lines later, or at the next document's `---`); this finds the
 * opening bracket or quote that was never closed and points there instead, saying what it is.
 */
export function syntaxCause(text: string, from: number, error: SyntaxProblem): SyntaxProblem {
  if (!/flow (sequence|map|collection)|missing closing|end with a [\]}]|unexpected end of/i.test(error.message)) return error;
  const opener = unclosedOpener(text, from, error.start);
  if (!opener) return error;
  const what = opener.char === '[' ? 'This [ is never closed with ]' : opener.char === '{' ? 'This { is never closed with }' : `This ${opener.char} quote is never closed`;
  return { message: `${what} (the parser noticed at line ${lineOf(text, error.start)}: ${error.message})`, start: opener.at, end: opener.at + 1 };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/** The innermost bracket or quote opened between `from` and `to` and not closed there, skipping comments. */
function unclosedOpener(text: string, from: number, to: number): { char: string; at: number } | undefined {
  const stack: { char: string; at: number }[] = [];
  let quote: { char: string; at: number } | undefined;
  for (let i = from; i < Math.min(to, text.length); i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote.char === '"') i++;
      else if (c === quote.char) {
        // '' inside a single-quoted string is an escaped quote.
        if (quote.char === "'" && text[i + 1] === "'") i++;
        else quote = undefined;
      }
      continue;
    }
    const prev = i === from ? '\n' : text[i - 1];
    if (c === '#' && /\s/.test(prev)) {
      while (i < to && text[i] !== '\n') i++;
    } else if ((c === '"' || c === "'") && /[\s,[{:-]/.test(prev)) quote = { char: c, at: i };
    else if ((c === '[' || c === '{') && (stack.length || /[\s:,[{-]/.test(prev))) stack.push({ char: c, at: i });
    else if ((c === ']' || c === '}') && stack.length) stack.pop();
  }
  return quote ?? stack[stack.length - 1];
}
