import { RegexSyntaxError } from './ast';
import { checkNesting, checkTranslation } from './check';
import { parseRustRegex } from './parse';

/**
 * Why `regex::Regex::new` (Rust's regex crate, which Linkerd's policy webhook compiles route patterns with)
 * would refuse a pattern, or undefined when it compiles. Its syntax is not JavaScript's: inline flags
 * `(?i)`, `[[:digit:]]`, `(?P<name>…)`, `\z` and escaped punctuation are valid; look-around and
 * back-references are not. Compiled-size limits (10 MiB) are not modelled.
 */
export function rustRegexProblem(pattern: string): string | undefined {
  try {
    const ast = parseRustRegex(pattern);
    checkNesting(ast);
    checkTranslation(ast);
    return undefined;
  } catch (e) {
    if (!(e instanceof RegexSyntaxError)) throw e;
    return `${e.message} (at character ${e.at + 1})`;
  }
}
