import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANNOTATIONS } from '../../../src/core/annotations/catalog';

const root = join(__dirname, '..', '..', '..');
const GRAMMAR_PATH = './syntaxes/linkerd-annotations.tmLanguage.json';

interface Grammar {
  scopeName: string;
  injectionSelector: string;
  repository: Record<string, { match: string; captures: Record<string, { name: string }> }>;
}

const grammar = JSON.parse(readFileSync(join(root, GRAMMAR_PATH), 'utf8')) as Grammar;
// The pattern uses no Oniguruma-only syntax, so JavaScript runs it the same way VS Code does.
const key = new RegExp(grammar.repository['linkerd-key'].match);

function matchedKey(line: string): string | undefined {
  return key.exec(line)?.[2];
}

describe('Linkerd annotation grammar', () => {
  it('is contributed as an injection into YAML under its own scope name', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      contributes: { grammars?: { path: string; scopeName: string; injectTo?: string[] }[] };
    };
    const entry = pkg.contributes.grammars?.find((g) => g.path === GRAMMAR_PATH);
    assert.ok(entry, 'package.json does not contribute the grammar');
    assert.equal(entry.scopeName, grammar.scopeName);
    assert.deepEqual(entry.injectTo, ['source.yaml']);
    assert.match(grammar.injectionSelector, /^L:source\.yaml\b/);
    // Keys in comments and inside block scalars are text, not keys.
    assert.match(grammar.injectionSelector, /-comment\b/);
    assert.match(grammar.injectionSelector, /-string\b/);
  });

  it('highlights every catalogued key, bare or quoted, at any indentation', () => {
    for (const a of ANNOTATIONS) {
      assert.equal(matchedKey(`${a.key}: x`), a.key);
      assert.equal(matchedKey(`        ${a.key}: ${a.example}`), a.key);
      assert.equal(matchedKey(`    "${a.key}": "${a.example}"`), a.key);
      assert.equal(matchedKey(`\t'${a.key}':`), a.key);
    }
  });

  it('highlights other keys in the same namespaces, such as labels and new annotations', () => {
    assert.equal(matchedKey('    linkerd.io/control-plane-ns: linkerd'), 'linkerd.io/control-plane-ns');
    assert.equal(matchedKey('    config.linkerd.io/some-future-key: x'), 'config.linkerd.io/some-future-key');
  });

  it('leaves unrelated keys and values alone', () => {
    for (const line of [
      '    app.kubernetes.io/name: web',
      '    policy.linkerd.io/x: y',
      '    config.gamma.linkerd.io/x: y',
      '    xlinkerd.io/inject: enabled',
      '    linkerd.io.example.com/x: y',
      '    config.linkerd.io.evil/x: y',
      '    linkerd.io/: y',
      '    linkerd.io/inject:enabled',
      '    "linkerd.io/inject\': enabled',
      '    key: linkerd.io/inject',
      '    - linkerd.io/inject',
    ]) {
      assert.equal(matchedKey(line), undefined, line);
    }
  });

  it('scopes the prefix on its own, the name as a YAML key, and leaves the colon to the YAML grammar', () => {
    const m = key.exec('  config.alpha.linkerd.io/proxy-wait-before-exit-seconds: "10"');
    assert.ok(m);
    const captures = grammar.repository['linkerd-key'].captures;
    assert.equal(m[3], 'config.alpha.linkerd.io');
    assert.match(captures['3'].name, /^entity\.name\.namespace\./);
    assert.equal(m[5], 'proxy-wait-before-exit-seconds');
    // The name is coloured as the YAML key it is: a scope of its own (support.type.property-name) is red in Light+.
    assert.equal(captures['5'], undefined);
    assert.match(captures['2'].name, /^entity\.name\.tag\.yaml\b/);
    // Taking the colon would leave the YAML grammar unable to tell the value from a stray scalar.
    assert.equal(m.index + m[0].length, '  config.alpha.linkerd.io/proxy-wait-before-exit-seconds'.length);
  });
});
