import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCE_SETTINGS } from '../../../src/core/traffic/reader';
import { isSnapshot, TRAFFIC_SOURCES } from '../../../src/shared/trafficProtocol';

describe('traffic sources, listed once', () => {
  it("the setting's enum in package.json is the core's list", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { enum?: string[] }> } } };
    assert.deepEqual(pkg.contributes.configuration.properties['meshaware.traffic.source'].enum, [...SOURCE_SETTINGS]);
  });

  it('the protocol guard accepts each source and nothing else', () => {
    const snapshot = (source: unknown) => ({ context: 'c', source, origin: 'o', updatedAt: 1, nodes: [], edges: [] });
    assert.deepEqual(TRAFFIC_SOURCES.map((s) => isSnapshot(snapshot(s))), [true, true]);
    assert.equal(isSnapshot(snapshot('auto')), false);
  });
});
