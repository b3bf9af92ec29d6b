/** C0 and C1 control characters other than tab: what a terminal may act on (escape sequences, bells). */
function isControl(c: number): boolean {
  return (c < 0x20 && c !== 0x09) || (c >= 0x7f && c <= 0x9f);
}

/**
 * Text taken from a file, made safe to print on a terminal: control characters (the ESC of an escape
 * sequence, line breaks) shown as `\u001b`-style escapes, and, with `max`, cut to that many characters.
 */
export function printable(text: string, max?: number): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += isControl(c) ? `\\u${c.toString(16).padStart(4, '0')}` : text[i];
  }
  return max !== undefined && out.length > max ? `${out.slice(0, max)}…` : out;
}
