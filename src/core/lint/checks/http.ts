/** HTTP header names and values as Rust's `http` crate accepts them (what the policy webhook uses). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function headerNameProblem(name: string): string | undefined {
  return TOKEN.test(name) ? undefined : `'${name}' is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_\`|~ only)`;
}

/**
 * `http::HeaderValue::from_str` checks the UTF-8 bytes: tab, visible ASCII, space and every byte above 0x7F
 * pass, so any non-ASCII character does; only control characters (and DEL) are refused.
 */
export function headerValueProblem(value: string): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return 'the header value contains control characters, which HTTP does not allow';
  }
  return undefined;
}
