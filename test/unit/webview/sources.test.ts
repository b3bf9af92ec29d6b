import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCE_SETTING_DESCRIPTIONS, SOURCE_SETTINGS, SOURCES } from '../../../src/core/traffic/sources';
import { isSnapshot, TRAFFIC_SOURCES } from '../../../src/shared/trafficProtocol';
import { runCli } from '../cli/inProcess';

describe('traffic sources, listed once', () => {
  it("the setting's enum and its descriptions in package.json are the sources' own", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { enum?: string[]; enumDescriptions?: string[] }> } } };
    const setting = pkg.contributes.configuration.properties['meshaware.traffic.source'];
    assert.deepEqual(setting.enum, [...SOURCE_SETTINGS]);
    assert.deepEqual(setting.enumDescriptions, SOURCE_SETTINGS.map((s) => SOURCE_SETTING_DESCRIPTIONS[s]));
  });

  it('each source of the protocol has its strategy, under its own name', () => {
    assert.deepEqual(Object.keys(SOURCES).sort(), [...TRAFFIC_SOURCES].sort());
    for (const kind of TRAFFIC_SOURCES) assert.equal(SOURCES[kind].kind, kind);
  });

  it('the protocol guard accepts each source and nothing else', () => {
    const snapshot = (source: unknown) => ({ context: 'c', source, origin: 'o', updatedAt: 1, nodes: [], edges: [] });
    assert.deepEqual(TRAFFIC_SOURCES.map((s) => isSnapshot(snapshot(s))), TRAFFIC_SOURCES.map(() => true));
    assert.equal(isSnapshot(snapshot('auto')), false);
  });

  it("the CLI's usage lists every setting with its description, and --source refuses anything else", async () => {
    for (const command of ['edges', 'stat', 'authz']) {
      const help = (await runCli([command, '--help'])).stdout;
      assert.ok(help.includes(`[--source ${SOURCE_SETTINGS.join('|')}]`), `${command} usage line`);
      const lines = help.split('\n').map((l) => l.trim().replace(/ +/, ' '));
      for (const s of SOURCE_SETTINGS) assert.ok(lines.includes(`${s} ${SOURCE_SETTING_DESCRIPTIONS[s]}`), `${command} --help describes ${s}`);
    }
    const wrong = await runCli(['edges', '--source', 'magic']);
    assert.equal(wrong.status, 2);
    assert.ok(wrong.stderr.includes(`--source must be one of ${SOURCE_SETTINGS.join(', ')}`), wrong.stderr);
  });
});
