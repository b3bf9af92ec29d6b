import assert from 'node:assert/strict';
import { rustRegexProblem } from '../../../src/core/lint/checks/rustRegex';
import { INVALID, VALID } from './rustRegexCases';

describe("Rust regex syntax (what Linkerd's webhook compiles route patterns with)", () => {
  it(`accepts the ${VALID.length} patterns regex-syntax's tests parse and translate`, () => {
    assert.deepEqual(
      VALID.map((p) => [p, rustRegexProblem(p)]).filter(([, problem]) => problem !== undefined),
      [],
    );
  });

  it(`refuses the ${INVALID.length} patterns regex-syntax's tests refuse`, () => {
    assert.deepEqual(
      INVALID.filter(([p]) => rustRegexProblem(p) === undefined),
      [],
    );
  });

  it('differs from JavaScript where Rust does: inline flags, POSIX classes, (?P<…>), \\z and escaped punctuation are valid', () => {
    for (const p of ['(?i)^/api/v[0-9]+$', '^[[:digit:]]+$', '(?P<version>v[0-9]+)', '/health\\z', 'a\\-b', '\\/api\\/', '[\\w-]+', '(?i:bearer) .*', 'a**', '\\pL+', '\\p{Greek}', '(?x) a # comment\n b', '\\b{start}word\\b{end}', '(?<name>x)']) {
      assert.equal(rustRegexProblem(p), undefined, p);
    }
  });

  it('refuses what Rust lacks or rejects although JavaScript accepts it: look-around, back-references, \\Z, \\e, lone braces', () => {
    for (const [p, reason] of [
      ['^(?=admin).*', /look-around/],
      ['(?<!x)y', /look-around/],
      ['(a)\\1', /back-references/],
      ['end\\Z', /\\Z is not an escape/],
      ['\\e', /not an escape/],
      ['/api/{id}', /decimal number/],
      ['[\\d-z]', /range must start with a literal/],
      ['(?-u)[^a]', /UTF-8/],
      ['(?-u:\\pL)', /Unicode class/],
      ['\\pX', /Unicode class that does not exist/],
      ['\\p{}', /Unicode class that does not exist/],
      ['(?i-i)a', /flag i is repeated/],
      ['\\x{110000}', /not a Unicode scalar value/],
    ] as const) {
      assert.match(rustRegexProblem(p) ?? 'accepted', reason, p);
    }
  });

  it('enforces the nesting limit of 250, counting groups as regex-syntax does', () => {
    assert.equal(rustRegexProblem(`${'('.repeat(250)}a${')'.repeat(250)}`), undefined);
    assert.match(rustRegexProblem(`${'('.repeat(251)}a${')'.repeat(251)}`) ?? '', /nests more than 250/);
    // Each `(a…)` level is a group holding a concatenation: two levels of nesting.
    assert.equal(rustRegexProblem(`${'(a'.repeat(125)}${')'.repeat(125)}`), undefined);
    assert.match(rustRegexProblem(`${'(a'.repeat(126)}${')'.repeat(126)}`) ?? '', /nests more than 250/);
    assert.match(rustRegexProblem('('.repeat(5000)) ?? '', /group is not closed/);
  });

  it('says where the problem is, in characters from 1', () => {
    assert.equal(rustRegexProblem('ab(c'), 'a group is not closed (at character 3)');
  });
});
