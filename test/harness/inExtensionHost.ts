// Helpers for code that runs inside the extension host (integration tests), not in the runner.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const extensionId = 'meshaware.meshaware';

export function meshawareExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `${extensionId} is not installed in the extension host`);
  return extension;
}
