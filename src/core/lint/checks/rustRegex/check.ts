import { flagState, RegexSyntaxError, type Ast, type ClassItem, type ClassSet, type Flag, type FlagItem, type UnicodeClass } from './ast';

/**
 * The checks `regex::Regex::new` makes after parsing, with its default settings: the nesting limit of 250
 * (`regex-syntax/src/ast/parse.rs`, NestLimiter) and the translator's refusals (`hir/translate.rs`): with
 * Unicode off (`(?-u)`), nothing may match bytes that are not UTF-8 (a byte escape above \x7F, `.`, a
 * negated class) and Unicode classes or non-ASCII characters in a class are not allowed.
 */

const NEST_LIMIT = 250;

/** Single-letter Unicode classes (`\pL`): the one-letter general categories, compared ignoring case. */
const ONE_LETTER_CLASSES = new Set(['c', 'l', 'm', 'n', 'p', 's', 'z']);

export function checkNesting(ast: Ast): void {
  const deeper = (depth: number, at: number): number => {
    if (depth + 1 > NEST_LIMIT) throw new RegexSyntaxError(`it nests more than ${NEST_LIMIT} groups, repetitions, alternations or classes`, at);
    return depth + 1;
  };
  const walk = (node: Ast, depth: number): void => {
    switch (node.t) {
      case 'bracket':
        return walkSet(node.set, deeper(depth, node.at));
      case 'rep':
      case 'group':
        return walk(node.ast, deeper(depth, 0));
      case 'alt':
      case 'concat': {
        const d = deeper(depth, 0);
        for (const a of node.asts) walk(a, d);
        return;
      }
      default:
        return;
    }
  };
  const walkSet = (set: ClassSet, depth: number): void => {
    if (set.t === 'op') {
      const d = deeper(depth, 0);
      walkSet(set.lhs, d);
      walkSet(set.rhs, d);
    } else walkItem(set.item, depth);
  };
  const walkItem = (item: ClassItem, depth: number): void => {
    if (item.t === 'bracket') walkSet(item.set, deeper(depth, item.at));
    else if (item.t === 'union') {
      const d = deeper(depth, 0);
      for (const i of item.items) walkItem(i, d);
    }
  };
  walk(ast, 0);
}

/** Flags in force while translating: each flag's last setting, in the scope of the enclosing group. */
type Flags = Readonly<Partial<Record<Flag, boolean>>>;

function merged(flags: Flags, items: readonly FlagItem[]): Flags {
  const out: Partial<Record<Flag, boolean>> = { ...flags };
  for (const f of ['i', 'm', 's', 'U', 'u', 'R', 'x'] as const) {
    const state = flagState(items, f);
    if (state !== undefined) out[f] = state;
  }
  return out;
}

const INVALID_UTF8 = 'with Unicode off ((?-u)) it could match bytes that are not UTF-8, which Linkerd’s regex engine refuses';
const UNICODE_NOT_ALLOWED = 'a Unicode class or non-ASCII character is not allowed where Unicode is off ((?-u))';

/** Runs the translator's checks over a parsed pattern; throws the first refusal, in translation order. */
export function checkTranslation(ast: Ast): void {
  let flags: Flags = {};
  const unicode = () => flags.u !== false;
  const walk = (node: Ast): void => {
    switch (node.t) {
      case 'flags':
        flags = merged(flags, node.flags);
        return;
      case 'lit':
        if (!unicode() && node.hexByte && node.c > 0x7f) throw new RegexSyntaxError(INVALID_UTF8, node.at);
        return;
      case 'dot':
        if (!unicode()) throw new RegexSyntaxError(INVALID_UTF8, node.at);
        return;
      case 'perl':
        if (!unicode() && node.negated) throw new RegexSyntaxError(INVALID_UTF8, node.at);
        return;
      case 'unicode':
        return unicodeClass(node, unicode());
      case 'bracket':
        walkSet(node.set, unicode());
        if (!unicode() && node.negated) throw new RegexSyntaxError(INVALID_UTF8, node.at);
        return;
      case 'rep':
        return walk(node.ast);
      case 'group': {
        const outer = flags;
        if (node.flags) flags = merged(flags, node.flags);
        walk(node.ast);
        flags = outer;
        return;
      }
      case 'alt':
      case 'concat':
        for (const a of node.asts) walk(a);
        return;
      default:
        return;
    }
  };
  // A class is a set of characters with Unicode on, and of bytes with it off, where every member must be ASCII.
  const walkSet = (set: ClassSet, chars: boolean): void => {
    if (set.t === 'op') {
      walkSet(set.lhs, chars);
      walkSet(set.rhs, chars);
    } else walkItem(set.item, chars);
  };
  const byte = (c: number, hexByte: boolean, at: number): void => {
    if (c <= 0x7f) return;
    throw new RegexSyntaxError(hexByte ? INVALID_UTF8 : UNICODE_NOT_ALLOWED, at);
  };
  const walkItem = (item: ClassItem, chars: boolean): void => {
    if (item.t === 'unicode') return unicodeClass(item, chars);
    if (item.t === 'union') return item.items.forEach((i) => walkItem(i, chars));
    if (item.t === 'bracket') {
      walkSet(item.set, chars);
      if (!chars && item.negated) throw new RegexSyntaxError(INVALID_UTF8, item.at);
      return;
    }
    if (chars) return;
    switch (item.t) {
      case 'lit':
        return byte(item.c, item.hexByte, item.at);
      case 'range':
        byte(item.start.c, item.start.hexByte, item.start.at);
        return byte(item.end.c, item.end.hexByte, item.end.at);
      case 'ascii':
      case 'perl':
        if (item.negated) throw new RegexSyntaxError(INVALID_UTF8, item.at);
        return;
      default:
        return;
    }
  };
  walk(ast);
}

function unicodeClass(node: UnicodeClass, unicode: boolean): void {
  if (!unicode) throw new RegexSyntaxError(UNICODE_NOT_ALLOWED, node.at);
  if (!node.known) throw new RegexSyntaxError('it names a Unicode class that does not exist', node.at);
}

/** Whether a one-letter Unicode class (`\pX`) names a general category, as regex-syntax resolves it. */
export function isOneLetterClass(letter: string): boolean {
  return ONE_LETTER_CLASSES.has(letter.toLowerCase());
}
