import assert from 'node:assert/strict';
import { applyEdits } from '../../../src/core/text/lineIndex';
import { expectations, lintText, located } from './fixtureSupport';

/** A profile using every part of the spec, as `linkerd profile` users write them. */
const VALID = `apiVersion: linkerd.io/v1alpha2
kind: ServiceProfile
metadata:
  name: books.booksapp.svc.cluster.local
  namespace: booksapp
spec:
  routes:
  - name: GET /books/{id}
    condition:
      method: GET
      pathRegex: /books/[^/]*
    isRetryable: true
    timeout: 300ms
    responseClasses:
    - condition:
        status:
          min: 500
          max: 599
      isFailure: true
  - name: write
    condition:
      any:
      - method: POST
      - all:
        - method: PUT
        - pathRegex: /books/.*
        - not:
            method: DELETE
    responseClasses:
    - condition:
        all:
        - status: {min: 400}
        not:
          status: {max: 403}
      isFailure: true
  retryBudget:
    retryRatio: 0.2
    minRetriesPerSecond: 10
    ttl: 10s
  dstOverrides:
  - authority: books-v1.booksapp.svc.cluster.local:7002
    weight: 500m
  - authority: books-v2.booksapp.svc.cluster.local:7002
    weight: 1
  - authority: books-v3.booksapp.svc.cluster.local:7002
`;

const profile = (apiVersion: string, spec: string, kind = 'ServiceProfile') =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: books.booksapp.svc.cluster.local\n  namespace: booksapp\nspec:\n${spec}`;

describe('lint of ServiceProfiles (linkerd.io)', () => {
  it('reports nothing on a profile that uses every field correctly', () => {
    assert.deepEqual(lintText(VALID), []);
  });

  it('checks routes, conditions, retry budgets and overrides against the schema', () => {
    const text = profile(
      'linkerd.io/v1alpha2',
      `  routes:
  - condition: # expect MA101
      method: GET
      pathRegexp: /books # expect MA107
    isRetryable: "yes" # expect MA102
    responseClasses:
    - condition:
        not: # a single condition here, not a list
        - status: {min: 500} # expect MA102
  retryBudget:
    retryRatio: "0.2" # expect MA102
    minRetriesPerSecond: 10
    ttl: 10s
  dstOverrides:
  - authority: books-v1.booksapp.svc.cluster.local:7002
  - authority: books-v2.booksapp.svc.cluster.local:7002
    weight: half # expect MA105
`,
    );
    assert.deepEqual(located(lintText(text)), expectations(text));
  });

  it('requires routes in v1alpha1 only', () => {
    const spec = '  retryBudget: {retryRatio: 0.2, minRetriesPerSecond: 10, ttl: 10s}\n';
    assert.deepEqual(
      lintText(profile('linkerd.io/v1alpha1', spec)).map((f) => [f.code, f.message]),
      [['MA101', "ServiceProfile.spec is missing the required field 'routes'."]],
    );
    assert.deepEqual(lintText(profile('linkerd.io/v1alpha2', spec)), []);
  });

  it('knows the kind: an unserved version or a misspelt kind in linkerd.io is MA109, with a working fix', () => {
    const spec = '  routes: []\n';
    for (const [text, replacement] of [
      [profile('linkerd.io/v1beta1', spec), 'linkerd.io/v1alpha2'],
      [profile('linkerd.io/v1alpha2', spec, 'ServiceProfil'), 'ServiceProfile'],
    ]) {
      const found = lintText(text);
      assert.deepEqual(found.map((f) => f.code), ['MA109']);
      assert.equal(found[0].fix?.edits[0].newText, replacement);
      assert.deepEqual(lintText(applyEdits(text, found[0].fix!.edits)), []);
    }
  });
});
