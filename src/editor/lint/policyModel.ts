import * as vscode from 'vscode';
import { WorkspaceModel } from '../../core/lint/model/workspace';
import { ResourceIndex } from '../../core/workspace/resourceIndex';
import type { ManifestCache } from '../manifestCache';
import type { WorkspaceIndex } from '../workspaceIndex';

/**
 * The lint's workspace model over the workspace index, for navigation: it follows the index file by file,
 * and takes an open document's current text when asked about it (the index catches up with typing later).
 * It shares the index's parses, so it costs only the model's own bookkeeping.
 */
export class PolicyModel implements vscode.Disposable {
  private readonly resources = new ResourceIndex();
  private readonly model = new WorkspaceModel(this.resources);
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly manifests: ManifestCache,
  ) {
    this.follow([...index.resources.uris()]);
    this.disposables = [
      index.onDidChange((uris) => this.follow(uris.map((u) => u.toString()))),
      // A document that is not part of the index (outside the workspace, untitled) leaves with its editor.
      vscode.workspace.onDidCloseTextDocument((d) => !index.resources.has(d.uri.toString()) && this.follow([d.uri.toString()])),
    ];
  }

  /** The model, holding `document` as it is now. */
  withDocument(document: vscode.TextDocument): WorkspaceModel {
    const key = document.uri.toString();
    const parsed = this.manifests.get(document);
    if (this.resources.parsed(key) !== parsed) {
      this.resources.setFile(key, parsed);
      this.model.updateFile(key);
    }
    return this.model;
  }

  private follow(keys: readonly string[]): void {
    for (const key of keys) {
      const parsed = this.index.resources.parsed(key);
      if (parsed) {
        this.resources.setFile(key, parsed);
        this.model.updateFile(key);
      } else if (this.resources.deleteFile(key)) {
        this.model.removeFile(key);
      }
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
