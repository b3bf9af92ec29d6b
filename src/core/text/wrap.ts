/**
 * Breaks text into lines of at most `width` characters at spaces, so a narrow view shows all of it. A word longer
 * than the width (a list of pods, a URL) is broken after a dot, comma, slash or hyphen where it can be, else cut.
 */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const parts = pieces(word, width);
    // Whole words move to the next line; a long word's first piece may share its line.
    for (const [i, part] of parts.entries()) {
      const sep = line && i === 0 ? ' ' : '';
      if (line && line.length + sep.length + part.length > width) {
        lines.push(line);
        line = part;
      } else {
        line += sep + part;
      }
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** A word that does not fit, split after its dots, commas, slashes and hyphens where it can be, else every `width` characters. */
function pieces(word: string, width: number): string[] {
  const out: string[] = [];
  let rest = word;
  while (rest.length > width) {
    const window = rest.slice(0, width);
    const at = Math.max(...['.', '/', ',', '-'].map((c) => window.lastIndexOf(c))) + 1;
    const cut = at > width / 3 ? at : width;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  return [...out, rest];
}
