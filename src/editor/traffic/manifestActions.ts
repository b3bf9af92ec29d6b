import * as vscode from 'vscode';
import type { IndexedResource } from '../../core/workspace/resourceIndex';
import type { WorkloadRef } from '../../core/workloadKinds';
import type { ExtensionServices } from '../context';
import { offsetsToRange } from '../convert';
import { INJECT_COMMANDS } from '../commandIds';
import type { WorkspaceIndex } from '../workspaceIndex';

/** Open manifest and Add to mesh from the panel: both start from the workload's YAML in the workspace index. */
export class ManifestActions {
  constructor(
    private readonly services: ExtensionServices,
    private readonly index: WorkspaceIndex,
  ) {}

  /**
   * Opens the workload's manifest at its object; `failed` hears why not, for the page that asked (a click in the
   * panel shows its failure there, not only in the notification centre).
   */
  async open(w: WorkloadRef, failed: (why: string) => void): Promise<{ editor: vscode.TextEditor; resource: IndexedResource } | undefined> {
    const resource = await this.pick(w, failed);
    if (!resource) return undefined;
    const editor = await this.reveal(resource.uri, resource.document.anchorStart, resource.document.anchorEnd);
    return { editor, resource };
  }

  /** Opens a workspace file with `start`–`end` selected (the panel's Open manifest and Open policy). */
  async reveal(uri: string, start: number, end: number): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const range = offsetsToRange(this.services.manifests.get(document).lines, start, end);
    return vscode.window.showTextDocument(document, { selection: range, preview: false });
  }

  /** One of several objects with the same name, chosen by the user. */
  async choose(found: readonly IndexedResource[], title: string): Promise<IndexedResource | undefined> {
    if (found.length === 1) return found[0];
    const items = found.map((r) => ({ label: vscode.workspace.asRelativePath(vscode.Uri.parse(r.uri)), description: `document ${r.document.index + 1}`, r }));
    return (await vscode.window.showQuickPick(items, { title }))?.r;
  }

  /** Opens the manifest, then runs the editor's own Add to mesh on that object (one undo step, restart offer). */
  async addToMesh(w: WorkloadRef, failed: (why: string) => void): Promise<void> {
    const opened = await this.open(w, failed);
    if (opened) await vscode.commands.executeCommand(INJECT_COMMANDS.add, opened.editor.document.uri, opened.resource.document.index);
  }

  /**
   * Objects of the workload's kind and name in its namespace, else those that leave the namespace to `kubectl -n`.
   * Right after activation the index may still be scanning, so a miss waits once for its next change.
   */
  async find(w: WorkloadRef): Promise<IndexedResource[]> {
    const found = this.lookup(w);
    if (found.length) return found;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, 3000);
      const sub = this.index.onDidChange(done);
      function done() {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      }
    });
    return this.lookup(w);
  }

  private lookup(w: WorkloadRef): IndexedResource[] {
    const all = this.index.resources.find(w.kind, w.name);
    const exact = all.filter((r) => r.namespace === w.namespace);
    return exact.length ? exact : all.filter((r) => r.namespace === undefined);
  }

  private async pick(w: WorkloadRef, failed: (why: string) => void): Promise<IndexedResource | undefined> {
    const found = await this.find(w);
    if (found.length === 0) {
      failed(`No manifest for ${w.kind} "${w.name}" (namespace "${w.namespace}") in this workspace. Open the folder that holds its YAML.`);
      return undefined;
    }
    return this.choose(found, `${w.kind} ${w.name} is defined in several files`);
  }
}
