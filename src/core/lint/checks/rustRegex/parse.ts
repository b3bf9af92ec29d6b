import { flagState, RegexSyntaxError, type Ast, type Bracketed, type ClassItem, type ClassSet, type FlagItem, type Literal } from './ast';
import { isOneLetterClass } from './check';

/**
 * A parser for the syntax of Rust's `regex` crate, written from regex-syntax 0.8's grammar
 * (`regex-syntax/src/ast/parse.rs`: `parse_with_comments` and the functions it calls) with the settings
 * `regex::Regex::new` uses: octal escapes off, so `\1` is an unsupported back-reference. It accepts and
 * refuses the same patterns, with regex-syntax's error kinds in words of our own; it builds only as much
 * of a syntax tree as the nesting limit and the translator checks need.
 */

const META = new Set('\\.+*?()|[]{}^$#&-~');
const WHITESPACE = /^\p{White_Space}$/u;
const ALPHABETIC = /^\p{Alphabetic}$/u;
const NUMERIC = /^\p{N}$/u;
const HEX = /^[0-9a-fA-F]$/;
const ASCII_CLASSES = new Set(['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'word', 'xdigit']);
const FLAGS = new Set(['i', 'm', 's', 'U', 'u', 'R', 'x']);
const SPECIAL_WORD_BOUNDARIES = new Set(['start', 'end', 'start-half', 'end-half']);

/** Characters a backslash may precede as a plain literal: meta characters, and ASCII other than letters, digits, < and >. */
function isEscapable(c: string): boolean {
  return META.has(c) || (c.length === 1 && c.charCodeAt(0) < 0x80 && !/[0-9A-Za-z<>]/.test(c));
}

function isCaptureChar(c: string, first: boolean): boolean {
  if (c === '_' || ALPHABETIC.test(c)) return true;
  return !first && (c === '.' || c === '[' || c === ']' || NUMERIC.test(c));
}

type GroupState = { readonly t: 'alt'; readonly asts: Ast[] } | { readonly t: 'group'; readonly concat: Ast[]; readonly group: Extract<Ast, { t: 'group' }>; readonly whitespace: boolean; readonly at: number };
type ClassState = { readonly t: 'open'; readonly union: ClassItem[]; readonly set: Bracketed } | { readonly t: 'op'; readonly lhs: ClassSet };
type Primitive = Literal | Exclude<ClassItem, { t: 'empty' | 'range' | 'ascii' | 'bracket' | 'union' }> | { readonly t: 'dot'; readonly at: number } | { readonly t: 'assert'; readonly at: number };

export function parseRustRegex(pattern: string): Ast {
  return new Parser(pattern).parse();
}

class Parser {
  private readonly p: string[];
  private i = 0;
  private whitespace = false;
  private readonly names = new Set<string>();
  private readonly groups: GroupState[] = [];
  private readonly classes: ClassState[] = [];

  constructor(pattern: string) {
    this.p = Array.from(pattern);
  }

  private fail(message: string, at = this.i): never {
    throw new RegexSyntaxError(message, at);
  }

  private eof(): boolean {
    return this.i >= this.p.length;
  }

  private char(): string {
    return this.p[this.i];
  }

  /** Moves one character on; false when that reaches the end. */
  private bump(): boolean {
    if (this.eof()) return false;
    this.i++;
    return !this.eof();
  }

  private bumpIf(prefix: string): boolean {
    const chars = Array.from(prefix);
    if (chars.some((c, k) => this.p[this.i + k] !== c)) return false;
    this.i += chars.length;
    return true;
  }

  private bumpAndBumpSpace(): boolean {
    if (!this.bump()) return false;
    this.bumpSpace();
    return !this.eof();
  }

  /** With the x flag, skips whitespace and # comments. */
  private bumpSpace(): void {
    if (!this.whitespace) return;
    while (!this.eof()) {
      if (WHITESPACE.test(this.char())) this.i++;
      else if (this.char() === '#') {
        while (!this.eof() && this.p[this.i++] !== '\n');
      } else break;
    }
  }

  private peek(): string | undefined {
    return this.p[this.i + 1];
  }

  /** Like peek, skipping whitespace and a `#` in x mode (as regex-syntax does, the character after `#` counts). */
  private peekSpace(): string | undefined {
    if (!this.whitespace) return this.peek();
    let inComment = false;
    for (let k = this.i + 1; k < this.p.length; k++) {
      const c = this.p[k];
      if (WHITESPACE.test(c)) continue;
      if (inComment || c !== '#') return c;
      inComment = true;
    }
    return this.peek();
  }

  parse(): Ast {
    let concat: Ast[] = [];
    for (;;) {
      this.bumpSpace();
      if (this.eof()) break;
      switch (this.char()) {
        case '(':
          concat = this.pushGroup(concat);
          break;
        case ')':
          concat = this.popGroup(concat);
          break;
        case '|':
          this.pushAlternation(concatAst(concat));
          this.bump();
          concat = [];
          break;
        case '[':
          concat.push(this.parseSetClass());
          break;
        case '?':
        case '*':
        case '+':
          this.repeat(concat);
          if (this.bump() && this.char() === '?') this.bump();
          break;
        case '{':
          this.parseCountedRepetition(concat);
          break;
        default:
          concat.push(primitiveAst(this.parsePrimitive()));
      }
    }
    return this.popGroupEnd(concat);
  }

  /** Applies a repetition operator to the last expression of a concatenation. */
  private repeat(concat: Ast[]): void {
    const last = concat.pop();
    if (!last || last.t === 'empty' || last.t === 'flags') this.fail('a repetition operator has nothing to repeat');
    concat.push({ t: 'rep', ast: last });
  }

  private pushAlternation(branch: Ast): void {
    const top = this.groups[this.groups.length - 1];
    if (top?.t === 'alt') top.asts.push(branch);
    else this.groups.push({ t: 'alt', asts: [branch] });
  }

  private pushGroup(concat: Ast[]): Ast[] {
    const at = this.i;
    this.bump();
    this.bumpSpace();
    if (this.bumpIf('?=') || this.bumpIf('?!') || this.bumpIf('?<=') || this.bumpIf('?<!')) this.fail('look-around (look-ahead and look-behind) is not supported', at);
    const inner = this.i;
    let flags: FlagItem[] | undefined;
    if (this.bumpIf('?P<') || this.bumpIf('?<')) {
      this.parseCaptureName();
    } else if (this.bumpIf('?')) {
      if (this.eof()) this.fail('a group is not closed', at);
      flags = this.parseFlags();
      const end = this.char();
      this.bump();
      if (end === ')') {
        if (!flags.length) this.fail('a repetition operator has nothing to repeat', inner);
        const x = flagState(flags, 'x');
        if (x !== undefined) this.whitespace = x;
        concat.push({ t: 'flags', flags });
        return concat;
      }
    }
    const group = { t: 'group' as const, flags, ast: { t: 'empty' } as Ast };
    this.groups.push({ t: 'group', concat, group, whitespace: this.whitespace, at });
    this.whitespace = (flags && flagState(flags, 'x')) ?? this.whitespace;
    return [];
  }

  private popGroup(groupConcat: Ast[]): Ast[] {
    let top = this.groups.pop();
    let alt: Ast[] | undefined;
    if (top?.t === 'alt') {
      alt = top.asts;
      top = this.groups.pop();
    }
    if (top?.t !== 'group') this.fail('a closing parenthesis has no opening one');
    this.whitespace = top.whitespace;
    this.bump();
    top.group.ast = alt ? altAst([...alt, concatAst(groupConcat)]) : concatAst(groupConcat);
    top.concat.push(top.group);
    return top.concat;
  }

  private popGroupEnd(concat: Ast[]): Ast {
    const top = this.groups.pop();
    if (top?.t === 'group') this.fail('a group is not closed', top.at);
    const ast = top ? altAst([...top.asts, concatAst(concat)]) : concatAst(concat);
    const below = this.groups.pop();
    if (below?.t === 'group') this.fail('a group is not closed', below.at);
    return ast;
  }

  private parseCaptureName(): void {
    if (this.eof()) this.fail('a capture group name is not closed');
    const start = this.i;
    for (;;) {
      if (this.char() === '>') break;
      if (!isCaptureChar(this.char(), this.i === start)) this.fail(`'${this.char()}' is not allowed in a capture group name`);
      if (!this.bump()) break;
    }
    if (this.eof()) this.fail('a capture group name is not closed');
    const name = this.p.slice(start, this.i).join('');
    this.bump();
    if (!name) this.fail('a capture group name is empty', start);
    if (this.names.has(name)) this.fail(`the capture group name '${name}' is used twice`, start);
    this.names.add(name);
  }

  private parseFlags(): FlagItem[] {
    const items: FlagItem[] = [];
    let danglingAt: number | undefined;
    while (this.char() !== ':' && this.char() !== ')') {
      const c = this.char();
      if (c === '-') {
        danglingAt = this.i;
        if (items.includes('-')) this.fail('the flag negation - is repeated');
        items.push('-');
      } else {
        danglingAt = undefined;
        if (!FLAGS.has(c)) this.fail(`'${c}' is not a flag (flags are i, m, s, U, u, R and x)`);
        if (items.includes(c as FlagItem)) this.fail(`the flag ${c} is repeated`);
        items.push(c as FlagItem);
      }
      if (!this.bump()) this.fail('a flag group is not closed');
    }
    if (danglingAt !== undefined) this.fail('the flag negation - is not followed by a flag', danglingAt);
    return items;
  }

  private parseCountedRepetition(concat: Ast[]): void {
    const start = this.i;
    this.repeat(concat);
    const unclosed = () => this.fail('a counted repetition {…} is not closed', start);
    if (!this.bumpAndBumpSpace()) unclosed();
    const first = this.tryDecimal();
    if (this.eof()) unclosed();
    let min: number;
    let max: number | undefined;
    if (this.char() === ',') {
      if (!this.bumpAndBumpSpace()) unclosed();
      min = value(first);
      if (this.char() !== '}') max = value(this.tryDecimal());
    } else {
      min = max = value(first);
    }
    if (this.eof() || this.char() !== '}') unclosed();
    if (this.bumpAndBumpSpace() && this.char() === '?') this.bump();
    if (max !== undefined && min > max) this.fail('a counted repetition has a minimum above its maximum', start);
  }

  /** A decimal number, trimmed of whitespace; its error is deferred, as regex-syntax first checks what follows. */
  private tryDecimal(): number | RegexSyntaxError {
    while (!this.eof() && WHITESPACE.test(this.char())) this.bump();
    const start = this.i;
    let digits = '';
    while (!this.eof() && /[0-9]/.test(this.char())) {
      digits += this.char();
      this.bumpAndBumpSpace();
    }
    while (!this.eof() && WHITESPACE.test(this.char())) this.bumpAndBumpSpace();
    if (!digits) return new RegexSyntaxError('a counted repetition {…} needs a decimal number (write \\{ for a literal brace)', start);
    const n = Number(digits);
    return n > 0xffffffff ? new RegexSyntaxError('a repetition count is too large', start) : n;
  }

  private parsePrimitive(): Primitive {
    const c = this.char();
    if (c === '\\') return this.parseEscape();
    const at = this.i;
    this.bump();
    if (c === '.') return { t: 'dot', at };
    if (c === '^' || c === '$') return { t: 'assert', at };
    return { t: 'lit', c: c.codePointAt(0)!, hexByte: false, at };
  }

  private parseEscape(): Primitive {
    const start = this.i;
    if (!this.bump()) this.fail('the pattern ends in the middle of an escape sequence', start);
    const c = this.char();
    if (/[0-9]/.test(c)) this.fail('back-references (\\1 …) are not supported', start);
    if (c === 'x' || c === 'u' || c === 'U') return { ...this.parseHex(), at: start };
    if (c === 'p' || c === 'P') return this.parseUnicodeClass(start);
    if ('dswDSW'.includes(c)) {
      this.bump();
      return { t: 'perl', negated: c === c.toUpperCase(), at: start };
    }
    this.bump();
    if (isEscapable(c)) return { t: 'lit', c: c.codePointAt(0)!, hexByte: false, at: start };
    const special: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
    if (c in special) return { t: 'lit', c: special[c], hexByte: false, at: start };
    if ('AzBb<>'.includes(c)) {
      if (c === 'b' && !this.eof() && this.char() === '{') this.maybeSpecialWordBoundary(start);
      return { t: 'assert', at: start };
    }
    return this.fail(`\\${c} is not an escape sequence Rust's regex knows`, start);
  }

  /** `\b{start}` and friends; anything else after `\b{` that can start a name is an error, and a digit is a repetition. */
  private maybeSpecialWordBoundary(wbStart: number): void {
    const valid = (ch: string | undefined) => ch !== undefined && /[A-Za-z-]/.test(ch);
    const start = this.i;
    if (!this.bumpAndBumpSpace()) this.fail('\\b{ is not closed', wbStart);
    if (!valid(this.char())) {
      this.i = start;
      return;
    }
    let name = '';
    while (!this.eof() && valid(this.char())) {
      name += this.char();
      this.bumpAndBumpSpace();
    }
    if (this.eof() || this.char() !== '}') this.fail('a special word boundary \\b{…} is not closed or holds an invalid character', start);
    this.bump();
    if (!SPECIAL_WORD_BOUNDARIES.has(name)) this.fail(`\\b{${name}} is not a word boundary (use start, end, start-half or end-half)`, start);
  }

  private parseHex(): Omit<Literal, 'at'> {
    const digitsWanted = this.char() === 'x' ? 2 : this.char() === 'u' ? 4 : 8;
    const hexByte = this.char() === 'x';
    if (!this.bumpAndBumpSpace()) this.fail('the pattern ends in the middle of a hexadecimal escape');
    let hex = '';
    let braced = false;
    if (this.char() === '{') {
      braced = true;
      const brace = this.i;
      while (this.bumpAndBumpSpace() && this.char() !== '}') {
        if (!HEX.test(this.char())) this.fail(`'${this.char()}' is not a hexadecimal digit`);
        hex += this.char();
      }
      if (this.eof()) this.fail('a hexadecimal escape \\x{…} is not closed', brace);
      this.bumpAndBumpSpace();
      if (!hex) this.fail('a hexadecimal escape \\x{} is empty', brace);
    } else {
      for (let k = 0; k < digitsWanted; k++) {
        if (k > 0 && !this.bumpAndBumpSpace()) this.fail('the pattern ends in the middle of a hexadecimal escape');
        if (!HEX.test(this.char())) this.fail(`'${this.char()}' is not a hexadecimal digit`);
        hex += this.char();
      }
      this.bumpAndBumpSpace();
    }
    const c = parseInt(hex, 16);
    if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) this.fail(`\\x{${hex}} is not a Unicode scalar value`);
    return { t: 'lit', c, hexByte: hexByte && !braced };
  }

  private parseUnicodeClass(start: number): Primitive {
    if (!this.bumpAndBumpSpace()) this.fail('the pattern ends in the middle of a Unicode class');
    if (this.char() === '{') {
      let name = '';
      while (this.bumpAndBumpSpace() && this.char() !== '}') name += this.char();
      if (this.eof()) this.fail('a Unicode class \\p{…} is not closed');
      this.bump();
      return { t: 'unicode', known: isPropertyQuery(name), at: start };
    }
    const letter = this.char();
    if (letter === '\\') this.fail('\\p\\ is not a Unicode class');
    this.bumpAndBumpSpace();
    return { t: 'unicode', known: isOneLetterClass(letter), at: start };
  }

  /** A bracketed class, nested classes and set operations included; regex-syntax keeps its own stack for these. */
  private parseSetClass(): Bracketed {
    let union: ClassItem[] = [];
    for (;;) {
      this.bumpSpace();
      if (this.eof()) this.unclosedClass();
      const c = this.char();
      if (c === '[') {
        if (this.classes.length && this.maybeAsciiClass(union)) continue;
        this.classes.push({ t: 'open', union, set: this.parseSetClassOpen(union = []) });
      } else if (c === ']') {
        const item: ClassSet = { t: 'item', item: unionItem(union) };
        const set = this.popClassOp(item);
        const open = this.classes.pop() as Extract<ClassState, { t: 'open' }>;
        this.bump();
        open.set.set = set;
        if (!this.classes.length) return open.set;
        union = open.union;
        union.push(open.set);
      } else if ((c === '&' || c === '-' || c === '~') && this.peek() === c) {
        this.i += 2;
        this.classes.push({ t: 'op', lhs: this.popClassOp({ t: 'item', item: unionItem(union) }) });
        union = [];
      } else {
        union.push(this.parseSetClassRange());
      }
    }
  }

  private popClassOp(rhs: ClassSet): ClassSet {
    const top = this.classes[this.classes.length - 1];
    if (top?.t !== 'op') return rhs;
    this.classes.pop();
    return { t: 'op', lhs: top.lhs, rhs };
  }

  private unclosedClass(): never {
    for (let k = this.classes.length - 1; k >= 0; k--) {
      const s = this.classes[k];
      if (s.t === 'open') this.fail('a character class [ is not closed', s.set.at);
    }
    return this.fail('a character class [ is not closed');
  }

  /** The opening of a class: `[`, an optional `^`, and leading `-` or a first `]`, which are literals there. */
  private parseSetClassOpen(union: ClassItem[]): Bracketed {
    const at = this.i;
    const unclosed = () => this.fail('a character class [ is not closed', at);
    if (!this.bumpAndBumpSpace()) unclosed();
    const negated = this.char() === '^';
    if (negated && !this.bumpAndBumpSpace()) unclosed();
    while (this.char() === '-') {
      union.push({ t: 'lit', c: 0x2d, hexByte: false, at: this.i });
      if (!this.bumpAndBumpSpace()) unclosed();
    }
    if (!union.length && this.char() === ']') {
      union.push({ t: 'lit', c: 0x5d, hexByte: false, at: this.i });
      if (!this.bumpAndBumpSpace()) unclosed();
    }
    return { t: 'bracket', negated, set: { t: 'item', item: { t: 'empty' } }, at };
  }

  /** `[:alpha:]` inside a class; anything that is not exactly a known ASCII class is left to the class parser. */
  private maybeAsciiClass(union: ClassItem[]): boolean {
    const start = this.i;
    const back = () => {
      this.i = start;
      return false;
    };
    if (!this.bump() || this.char() !== ':' || !this.bump()) return back();
    const negated = this.char() === '^';
    if (negated && !this.bump()) return back();
    const nameStart = this.i;
    while (this.char() !== ':' && this.bump());
    if (this.eof()) return back();
    const name = this.p.slice(nameStart, this.i).join('');
    if (!this.bumpIf(':]') || !ASCII_CLASSES.has(name)) return back();
    union.push({ t: 'ascii', negated, at: start });
    return true;
  }

  private parseSetClassRange(): ClassItem {
    const first = this.parseSetClassItem();
    this.bumpSpace();
    if (this.eof()) this.unclosedClass();
    if (this.char() !== '-' || this.peekSpace() === ']' || this.peekSpace() === '-') return classItem(first, this);
    if (!this.bumpAndBumpSpace()) this.unclosedClass();
    const second = this.parseSetClassItem();
    if (first.t !== 'lit') this.fail('a class range must start with a literal character', first.at);
    if (second.t !== 'lit') this.fail('a class range must end with a literal character', second.at);
    if (first.c > second.c) this.fail('a class range starts after it ends', first.at);
    return { t: 'range', start: first, end: second };
  }

  private parseSetClassItem(): Primitive {
    if (this.char() === '\\') return this.parseEscape();
    const at = this.i;
    const c = this.char();
    this.bump();
    return { t: 'lit', c: c.codePointAt(0)!, hexByte: false, at };
  }

  failAt(message: string, at: number): never {
    return this.fail(message, at);
  }
}

/**
 * Whether `\p{…}` names something regex-syntax could resolve. Without Unicode's property tables we only refuse
 * names that are empty once its name normalisation drops spaces, underscores, hyphens and non-ASCII
 * characters; any other name passes, so the lint never rejects a class Linkerd accepts.
 */
function isPropertyQuery(query: string): boolean {
  const parts = /^(.*?)(?:!=|:|=)(.*)$/.exec(query);
  const filled = (s: string) => Array.from(s).some((c) => c.charCodeAt(0) < 0x80 && c !== ' ' && c !== '_' && c !== '-');
  return parts ? filled(parts[1]) && filled(parts[2]) : filled(query);
}

function value(n: number | RegexSyntaxError): number {
  if (n instanceof RegexSyntaxError) throw n;
  return n;
}

function classItem(p: Primitive, parser: Parser): ClassItem {
  return p.t === 'dot' || p.t === 'assert' ? parser.failAt('an assertion such as \\b is not allowed in a character class', p.at) : p;
}

function primitiveAst(p: Primitive): Ast {
  return p.t === 'assert' ? { t: 'assert' } : p;
}

function concatAst(asts: Ast[]): Ast {
  return asts.length === 0 ? { t: 'empty' } : asts.length === 1 ? asts[0] : { t: 'concat', asts };
}

function altAst(asts: Ast[]): Ast {
  return asts.length === 1 ? asts[0] : { t: 'alt', asts };
}

function unionItem(items: ClassItem[]): ClassItem {
  return items.length === 0 ? { t: 'empty' } : items.length === 1 ? items[0] : { t: 'union', items };
}
