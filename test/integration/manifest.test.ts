import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { meshawareExtension } from '../harness/inExtensionHost';

interface CommandContribution {
  readonly command: string;
  readonly title: string;
  readonly category?: string;
}

interface SettingContribution {
  readonly description?: string;
  readonly markdownDescription?: string;
}

interface Contributes {
  readonly commands?: CommandContribution[];
  readonly menus?: { readonly commandPalette?: { readonly command: string; readonly when?: string }[] };
  readonly configuration?: { properties?: Record<string, SettingContribution> } | { properties?: Record<string, SettingContribution> }[];
}

function contributes(): Contributes {
  return (meshawareExtension().packageJSON as { contributes: Contributes }).contributes;
}

describe('package.json contributions', () => {
  it('registers every contributed command', async () => {
    await meshawareExtension().activate();
    const contributed = (contributes().commands ?? []).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(false));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, []);
  });

  it('puts every command shown in the palette in the Meshaware category', () => {
    const hidden = new Set((contributes().menus?.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command));
    const uncategorised = (contributes().commands ?? []).filter((c) => !hidden.has(c.command) && c.category !== 'Meshaware');
    assert.deepEqual(uncategorised.map((c) => c.command), []);
  });

  it('describes every setting', () => {
    const configuration = contributes().configuration;
    const sections = Array.isArray(configuration) ? configuration : configuration ? [configuration] : [];
    const settings = sections.flatMap((s) => Object.entries(s.properties ?? {}));
    const undescribed = settings.filter(([, s]) => !s.description?.trim() && !s.markdownDescription?.trim()).map(([key]) => key);
    assert.deepEqual(undescribed, []);
  });
});
