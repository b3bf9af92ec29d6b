import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, CONTEXT_KEYS, CONTROL_PLANE_COMMANDS, INJECT_COMMANDS, MENU_KEYS, TRAFFIC_COMMANDS, VIEWS, WALKTHROUGH_COMMANDS, WALKTHROUGH_KEYS } from '../../../src/editor/commandIds';

interface Manifest {
  contributes: { commands: { command: string }[]; views: Record<string, { id: string }[]>; menus: Record<string, { when?: string }[]> };
}
const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as Manifest;

describe('command ids, views and context keys in one place', () => {
  it('declares in package.json exactly the commands src/editor/commandIds.ts names', () => {
    const ours = [COMMANDS, INJECT_COMMANDS, CONTROL_PLANE_COMMANDS, TRAFFIC_COMMANDS, WALKTHROUGH_COMMANDS].flatMap((group) => Object.values(group));
    assert.deepEqual(pkg.contributes.commands.map((c) => c.command).sort(), [...ours].sort());
  });

  it('names the views package.json contributes, and the context keys its when clauses read', () => {
    const views = Object.values(pkg.contributes.views).flat().map((v) => v.id);
    for (const id of Object.values(VIEWS)) assert.ok(views.includes(id), id);
    const whens = JSON.stringify(pkg.contributes);
    for (const key of [CONTEXT_KEYS, MENU_KEYS, WALKTHROUGH_KEYS].flatMap((keys) => Object.values(keys))) assert.ok(whens.includes(key), key);
  });
});
