import assert from 'node:assert/strict';
import { documentAt, parseManifest } from '../../../src/core/yaml/manifest';

describe('documentAt', () => {
  const text = 'kind: Namespace\nmetadata:\n  name: a\n...\n# notes on a, after its end marker\n---\nkind: Namespace\nmetadata:\n  name: b\n\n\n';
  const parsed = parseManifest(text);
  const at = (needle: string) => documentAt(parsed, text.indexOf(needle))?.name;

  it('finds the document whose content holds the offset', () => {
    assert.equal(at('metadata'), 'a');
    assert.equal(at('name: b'), 'b');
    assert.equal(documentAt(parsed, text.length)?.name, 'b');
  });

  it('finds a document from the lines after its content, before the next ---', () => {
    const offset = text.indexOf('notes on a');
    // Outside the document's own range: Apply to cluster and Restart workload, which looked there, found nothing.
    assert.ok(offset > parsed.documents[0].doc.range[2] && offset < parsed.documents[1].doc.range[0]);
    assert.equal(documentAt(parsed, offset)?.name, 'a');
  });

  it('finds nothing before the first document starts', () => {
    const lead = parseManifest('# only a comment here\n---\nkind: Namespace\n');
    assert.equal(documentAt(lead, 0), undefined);
  });
});
