import assert from 'node:assert/strict';
import { looksBinary, nestingTooDeep } from '../../../src/core/yaml/input';
import { parseManifest } from '../../../src/core/yaml/manifest';
import { syntaxCause } from '../../../src/core/yaml/syntaxCause';

describe('raw input checks', () => {
  it('counts flow brackets outside quotes and comments, and block levels outside block scalars', () => {
    assert.equal(nestingTooDeep(`a: "${'['.repeat(1000)}"\nb: '${'{'.repeat(1000)}'\n# ${'['.repeat(1000)}\n`), undefined);
    assert.equal(nestingTooDeep(`a: |\n${Array.from({ length: 400 }, (_, i) => `${' '.repeat(i + 2)}x\n`).join('')}`), undefined);
    assert.equal(nestingTooDeep(`a: ${'['.repeat(300)}`, 256), 3 + 255);
    assert.equal(nestingTooDeep(`a:\n${'  - '.repeat(1)}${'- '.repeat(300)}x\n`, 256), 5);
  });

  it('tells text from binary', () => {
    assert.equal(looksBinary('apiVersion: v1\nkind: ConfigMap\ndata:\n  greeting: "héllo ✓"\n'), false);
    assert.equal(looksBinary('a\u0000b'), true);
    assert.equal(looksBinary(`kind: Pod\n${'\ufffd'.repeat(100)}`), true);
  });
});

describe('syntax error causes', () => {
  const cause = (text: string) => {
    const d = parseManifest(text).documents.find((x) => x.errors.length)!;
    const c = syntaxCause(text, d.doc.range[0], d.errors[0]);
    return { at: text.slice(c.start, c.end), line: text.slice(0, c.start).split('\n').length, message: c.message };
  };

  it('points at an unclosed [ or { on its own line, not where the parser noticed', () => {
    assert.deepEqual(
      (({ at, line }) => ({ at, line }))(cause('kind: Server\nspec:\n  port: [80\n---\nkind: Server\n')),
      { at: '[', line: 3 },
    );
    assert.match(cause('kind: Server\nspec: {port: 80\nother: 1\n').message, /This \{ is never closed/);
  });

  it('points at a quote that is never closed', () => {
    const c = cause('kind: Server\nmetadata:\n  name: "web\nspec:\n  port: 80\n---\nkind: Server\n');
    assert.deepEqual([c.at, c.line], ['"', 3]);
  });
});
