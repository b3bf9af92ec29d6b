import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { MAX_NESTING, parseDocuments } from '../../../src/core/yaml/parseDocuments';
import { parseManifest } from '../../../src/core/yaml/manifest';

const OPTIONS = { prettyErrors: false, uniqueKeys: false, strict: false } as const;

/** What a test compares: each document's data, range and errors. */
function summary(docs: ReturnType<typeof parseDocuments>) {
  return docs.map((d) => ({ data: d.toJS(), range: d.range, errors: d.errors.map((e) => [e.code, e.pos[0]]) }));
}

describe('parseDocuments: YAML documents, never nested deeper than the stack allows', () => {
  it('an unclosed 100,000-deep [ is one short error at the first level too deep, not a stack overflow per level', () => {
    const text = '['.repeat(100_000);
    const [doc, ...more] = parseDocuments(text, OPTIONS);
    assert.equal(more.length, 0);
    assert.equal(doc.contents, null);
    assert.deepEqual(
      doc.errors.map((e) => [e.message, e.pos[0]]),
      [[`Nesting deeper than ${MAX_NESTING} levels; no manifest is this deep, so this document is not read`, MAX_NESTING]],
    );
    const parsed = parseManifest(text);
    assert.deepEqual(parsed.documents.map((d) => d.errors.length), [1]);
  });

  it('deep block nesting (compact "- - - …" and indentation) is caught the same way', () => {
    for (const text of ['- '.repeat(5000) + 'x\n', Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n']) {
      const [doc] = parseDocuments(text, OPTIONS);
      assert.match(doc.errors[0]?.message ?? '', /^Nesting deeper than 256 levels/);
    }
  });

  it('only the document that is too deep is left out; the others keep their data, ranges and index', () => {
    const first = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n';
    const deep = `data: ${'['.repeat(1000)}${']'.repeat(1000)}\n`;
    const last = 'apiVersion: v1\nkind: Pod\nmetadata: {name: b}\n';
    const text = `${first}---\n${deep}---\n${last}`;
    const docs = parseDocuments(text, OPTIONS);
    assert.equal(docs.length, 3);
    const reference = parseAllDocuments(`${first}---\n~\n---\n${last}`, OPTIONS) as ReturnType<typeof parseDocuments>;
    assert.deepEqual(docs[0].toJS(), reference[0].toJS());
    assert.deepEqual(docs[0].range, reference[0].range);
    assert.deepEqual(docs[2].toJS(), { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b' } });
    assert.equal(text.slice(docs[2].range[0], docs[2].range[1]), `---\n${last}`);
    assert.equal(text.slice(docs[1].range[0], docs[1].range[2]), `---\n${deep}`);
    assert.equal(docs[1].contents, null);
    assert.equal(docs[1].errors[0].pos[0], text.indexOf('[') + MAX_NESTING - 1);
    assert.deepEqual(parseManifest(text).documents.map((d) => [d.kind, d.errors.length]), [['ConfigMap', 0], [undefined, 1], ['Pod', 0]]);
  });

  it('files that only look deep (many brackets, deep indentation in a block scalar) parse exactly as parseAllDocuments does', () => {
    const json = `{"items": [${Array.from({ length: 400 }, (_, i) => `{"name": "n${i}", "ports": [{"port": ${i}}]}`).join(', ')}]}\n`;
    const script = `apiVersion: v1\nkind: ConfigMap\ndata:\n  run.sh: |\n${Array.from({ length: 300 }, (_, i) => `${' '.repeat(4 + i)}echo ${i}`).join('\n')}\n---\nkind: x\n`;
    for (const text of [json, script, '', '# only a comment\n', '--- |\n  text\n...\n---\na: 1\n']) {
      const expected = parseAllDocuments(text, OPTIONS);
      assert.deepEqual(summary(parseDocuments(text, OPTIONS)), summary(Array.isArray(expected) ? expected : []), JSON.stringify(text.slice(0, 40)));
    }
  });
});
