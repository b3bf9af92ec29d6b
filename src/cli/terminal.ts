/**
 * Text for a terminal: control characters from manifests and clusters (an escape sequence in an object's name
 * can rewrite the screen or the window title) are shown as escapes instead of being interpreted. Every text
 * formatter of the CLI writes through here; machine output (YAML, JSON, SARIF) is written as is.
 */

// C0 controls, DEL, C1 controls, and the Unicode line separators and bidirectional controls that can
// reorder or hide what a line shows. Matching control characters is the point here.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Escapes control characters as `\xNN` / `\uNNNN`, except those in `keep` (a text's own line breaks). */
export function escapeControl(text: string, keep = ''): string {
  return text.replace(CONTROL, (c) => {
    if (keep.includes(c)) return c;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Writes lines of text (joined with line breaks, one at the end), each escaped in full. */
export function writeLines(stream: NodeJS.WritableStream, lines: readonly string[]): void {
  if (lines.length) stream.write(`${lines.map((l) => escapeControl(l)).join('\n')}\n`);
}

/** Writes a text whose own line breaks and tabs are kept; every other control character is escaped. */
export function writeText(stream: NodeJS.WritableStream, text: string): void {
  stream.write(escapeControl(text, '\n\t'));
}
