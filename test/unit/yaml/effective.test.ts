import assert from 'node:assert/strict';
import { isMap, parseDocument, type YAMLMap } from 'yaml';
import { effectiveEntries, effectivePair, overwrittenPairs } from '../../../src/core/yaml/effective';
import { nodeAt, pairOf, scalarText } from '../../../src/core/yaml/manifest';

/**
 * The expected values below are what sigs.k8s.io/yaml's YAMLToJSON (kubectl's decoder, go-yaml v2) printed
 * for the same documents: pairs apply in order, so the last duplicate wins and a `<<` merge writes its
 * entries where it stands.
 */
function parse(text: string) {
  const doc = parseDocument(text, { uniqueKeys: false });
  assert.ok(isMap(doc.contents));
  return { doc, root: doc.contents as YAMLMap };
}

function value(text: string, path: string[]): string | undefined {
  const { doc, root } = parse(text);
  return scalarText(nodeAt(doc, root, path));
}

describe('maps as the API server receives them', () => {
  it('the last of duplicate keys wins', () => {
    assert.equal(value('m:\n  two: 3\n  two: 4\n', ['m', 'two']), '4');
    assert.equal(value('metadata:\n  annotations: {x: "1"}\n  annotations:\n    y: "2"\n', ['metadata', 'annotations', 'x']), undefined);
  });

  it('a merge key writes the merged map at its position: later explicit keys override it, earlier ones do not', () => {
    const base = 'base: &b\n  one: 1\n  two: 2\n';
    assert.equal(value(`${base}m:\n  <<: *b\n  two: 3\n`, ['m', 'two']), '3');
    assert.equal(value(`${base}m:\n  two: 3\n  <<: *b\n`, ['m', 'two']), '2');
    assert.equal(value(`${base}m:\n  <<: *b\n`, ['m', 'one']), '1');
  });

  it('in a merge list the earlier map wins; of two merge keys the later one', () => {
    const base = 'b: &b\n  one: 1\n  two: 2\no: &o\n  two: 9\n  three: 9\n';
    assert.equal(value(`${base}m:\n  <<: [*b, *o]\n`, ['m', 'two']), '2');
    assert.equal(value(`${base}m:\n  <<: [*b, *o]\n`, ['m', 'three']), '9');
    assert.equal(value(`${base}m:\n  <<: *b\n  <<: *o\n`, ['m', 'two']), '9');
  });

  it('a quoted "<<" is an ordinary key, and a merge of an ancestor ends', () => {
    assert.equal(value('b: &b {one: 1}\nm:\n  "<<": *b\n', ['m', 'one']), undefined);
    const { doc, root } = parse('a: &a\n  x: 1\n  <<: *a\n');
    assert.equal(scalarText(effectivePair(doc, nodeAt(doc, root, ['a']) as YAMLMap, 'x')?.value), '1');
    assert.equal(effectivePair(doc, nodeAt(doc, root, ['a']) as YAMLMap, 'y'), undefined);
  });

  it('lists every effective entry once, and names the pairs a later duplicate overwrites', () => {
    const { doc, root } = parse('b: &b {one: 1, two: 2}\nm:\n  two: 0\n  <<: *b\n  three: 3\n  three: 4\n');
    const m = nodeAt(doc, root, ['m']) as YAMLMap;
    assert.deepEqual(
      [...effectiveEntries(doc, m)].map(([k, p]) => `${k}=${scalarText(p.value)}`),
      ['two=2', 'one=1', 'three=4'],
    );
    assert.deepEqual(
      overwrittenPairs(m).map((d) => `${scalarText(d.lost.value)}->${scalarText(d.by.value)}`),
      ['3->4'],
    );
  });

  it('pairOf returns the last pair written in the map itself, for edits', () => {
    const { root } = parse('a: 1\nb: 2\na: 3\n');
    assert.equal(scalarText(pairOf(root, 'a')?.value), '3');
  });
});
