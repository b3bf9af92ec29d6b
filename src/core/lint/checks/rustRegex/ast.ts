/**
 * The syntax tree of a Rust `regex` pattern, reduced to what validation needs: the shape (for the nesting
 * limit) and the parts whose meaning depends on the Unicode flag (for the translator's checks).
 * Modelled on regex-syntax 0.8 (`regex-syntax/src/ast/mod.rs`), the version Linkerd's policy controller uses.
 */

/** A syntax error, with the character position (0-based, in code points) where regex-syntax reports it. */
export class RegexSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

export type Flag = 'i' | 'm' | 's' | 'U' | 'u' | 'R' | 'x';
/** A flag item in `(?…)`: a flag, or `-`, which turns the flags after it off. */
export type FlagItem = Flag | '-';

/** A literal; `hexByte` marks the `\xNN` form, the only one that denotes a byte when Unicode is off. */
export interface Literal {
  readonly t: 'lit';
  readonly c: number;
  readonly hexByte: boolean;
  readonly at: number;
}

export interface PerlClass {
  readonly t: 'perl';
  readonly negated: boolean;
  readonly at: number;
}

/** `\pL` or `\p{Greek}`; `known` is false when regex-syntax would find no such property (checked as far as we can). */
export interface UnicodeClass {
  readonly t: 'unicode';
  readonly known: boolean;
  readonly at: number;
}

export interface Bracketed {
  readonly t: 'bracket';
  readonly negated: boolean;
  set: ClassSet;
  readonly at: number;
}

export type ClassItem =
  | { readonly t: 'empty' }
  | Literal
  | { readonly t: 'range'; readonly start: Literal; readonly end: Literal }
  | { readonly t: 'ascii'; readonly negated: boolean; readonly at: number }
  | UnicodeClass
  | PerlClass
  | Bracketed
  | { readonly t: 'union'; readonly items: ClassItem[] };

export type ClassSet = { readonly t: 'item'; readonly item: ClassItem } | { readonly t: 'op'; readonly lhs: ClassSet; readonly rhs: ClassSet };

export type Ast =
  | { readonly t: 'empty' }
  | { readonly t: 'flags'; readonly flags: readonly FlagItem[] }
  | Literal
  | { readonly t: 'dot'; readonly at: number }
  | { readonly t: 'assert' }
  | UnicodeClass
  | PerlClass
  | Bracketed
  | { readonly t: 'rep'; readonly ast: Ast }
  | { readonly t: 'group'; readonly flags: readonly FlagItem[] | undefined; ast: Ast }
  | { readonly t: 'alt'; readonly asts: Ast[] }
  | { readonly t: 'concat'; readonly asts: Ast[] };

/** The state of one flag after a list of flag items: true, false, or undefined when not mentioned. */
export function flagState(items: readonly FlagItem[], flag: Flag): boolean | undefined {
  let negated = false;
  for (const item of items) {
    if (item === '-') negated = true;
    else if (item === flag) return !negated;
  }
  return undefined;
}
