/** HTTP header names and values as Rust's `http` crate accepts them (what the policy webhook uses). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function headerNameProblem(name: string): string | undefined {
  return TOKEN.test(name) ? undefined : `'${name}' is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_\`|~ only)`;
}

export function headerValueProblem(value: string): string | undefined {
  // Visible ASCII, space, tab and obs-text bytes are allowed; control characters are not.
  return /^[\t\x20-\x7e\x80-\xff]*$/.test(value) ? undefined : 'the header value contains control characters, which HTTP does not allow';
}

/**
 * Whether a pattern compiles in Rust's `regex` crate, approximated: it must compile as a JavaScript
 * regular expression and must not use what the Rust engine lacks (look-around and back-references).
 */
export function regexProblem(pattern: string): string | undefined {
  if (/\(\?<?[=!]/.test(pattern)) return 'look-around assertions are not supported by Linkerd’s regex engine';
  if (/\\[1-9]|\\k</.test(pattern)) return 'back-references are not supported by Linkerd’s regex engine';
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: /, '');
  }
}
