import * as vscode from 'vscode';
import { ResourceIndex } from '../core/workspace/resourceIndex';
import { parseManifest } from '../core/yaml/manifest';
import type { ManifestCache } from './manifestCache';

const YAML_GLOB = '**/*.{yaml,yml}';
/** Far above any hand-written manifest; bigger files are generated bundles not worth parsing on every change. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Typing in an open manifest re-indexes it once the user pauses. */
const EDIT_DELAY_MS = 300;
/** Files read between two yields to the event loop during the initial scan. */
const SCAN_BATCH = 20;

/**
 * Every Kubernetes object in the workspace's YAML files, so features can look across files (a Namespace's
 * inject annotation, a policy's targets). Open documents count as edited; other files as on disk. The first
 * scan runs in the background after activation; `onDidChange` reports the files whose objects changed.
 */
export class WorkspaceIndex implements vscode.Disposable {
  readonly resources = new ResourceIndex();
  private readonly changed = new vscode.EventEmitter<readonly vscode.Uri[]>();
  readonly onDidChange = this.changed.event;
  private readonly pendingEdits = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private disposed = false;
  /** Settles when the initial scan has finished (or failed, which is logged). */
  readonly ready: Promise<void>;

  constructor(
    private readonly manifests: ManifestCache,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(YAML_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => void this.refreshFromDisk(uri, true)),
      watcher.onDidChange((uri) => void this.refreshFromDisk(uri, !this.resources.has(uri.toString()))),
      watcher.onDidDelete((uri) => this.remove(uri)),
      vscode.workspace.onDidChangeTextDocument((e) => this.scheduleEdit(e.document)),
      // Closing without saving drops the edits: the file on disk is the truth again.
      vscode.workspace.onDidCloseTextDocument((d) => this.resources.has(d.uri.toString()) && void this.refreshFromDisk(d.uri, false)),
    );
    this.ready = new Promise<void>((resolve) => setTimeout(resolve, 0))
      .then(() => this.scan())
      .catch((e: unknown) => this.log.error(`Workspace index: the initial scan failed: ${(e as Error).message}`));
  }

  private async scan(): Promise<void> {
    const started = performance.now();
    // No exclude pattern, so VS Code applies files.exclude; node_modules is skipped here as well, excluded or not.
    const uris = (await vscode.workspace.findFiles(YAML_GLOB)).filter((u) => !inNodeModules(u));
    const added: vscode.Uri[] = [];
    for (let i = 0; i < uris.length && !this.disposed; i += SCAN_BATCH) {
      const batch = await Promise.all(uris.slice(i, i + SCAN_BATCH).map((u) => this.load(u)));
      added.push(...uris.slice(i, i + SCAN_BATCH).filter((_, j) => batch[j]));
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.log.info(`Workspace index: ${added.length} YAML files, ${[...this.resources.resources()].length} objects in ${(performance.now() - started).toFixed(0)} ms`);
    if (added.length && !this.disposed) this.changed.fire(added);
  }

  /** Reads a file into the index (the open document's text if it is open); false when skipped. */
  private async load(uri: vscode.Uri): Promise<boolean> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) {
      this.resources.setFile(uri.toString(), this.manifests.get(open));
      return true;
    }
    try {
      const { size } = await vscode.workspace.fs.stat(uri);
      if (size > MAX_FILE_BYTES) {
        this.log.info(`Workspace index: skipped ${vscode.workspace.asRelativePath(uri)} (${size} bytes, over ${MAX_FILE_BYTES})`);
        return this.forget(uri);
      }
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      this.resources.setFile(uri.toString(), parseManifest(text));
      return true;
    } catch (e) {
      // A file deleted between listing and reading is normal; anything else is worth a line in the log.
      if (!(e instanceof vscode.FileSystemError && e.code === 'FileNotFound')) this.log.warn(`Workspace index: cannot read ${uri.fsPath}: ${(e as Error).message}`);
      return this.forget(uri);
    }
  }

  /** Re-reads a file after a change on disk; a file new to the index is first checked against files.exclude. */
  private async refreshFromDisk(uri: vscode.Uri, isNew: boolean): Promise<void> {
    if (this.disposed || inNodeModules(uri) || !vscode.workspace.getWorkspaceFolder(uri)) return;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open?.isDirty) return;
    if (isNew && !(await this.notExcluded(uri))) return;
    await this.load(uri);
    if (!this.disposed) this.changed.fire([uri]);
  }

  /** Follows edits of indexed files; new files join through the watcher once saved. */
  private scheduleEdit(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (!this.resources.has(key)) return;
    clearTimeout(this.pendingEdits.get(key));
    this.pendingEdits.set(
      key,
      setTimeout(() => {
        this.pendingEdits.delete(key);
        if (this.disposed || document.isClosed) return;
        this.resources.setFile(key, this.manifests.get(document));
        this.changed.fire([document.uri]);
      }, EDIT_DELAY_MS),
    );
  }

  private remove(uri: vscode.Uri): void {
    if (this.resources.deleteFile(uri.toString())) this.changed.fire([uri]);
  }

  private forget(uri: vscode.Uri): false {
    this.resources.deleteFile(uri.toString());
    return false;
  }

  /** Asks VS Code's own search, which applies files.exclude, whether the file is in. */
  private async notExcluded(uri: vscode.Uri): Promise<boolean> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return false;
    const relative = vscode.workspace.asRelativePath(uri, false);
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, relative), undefined, 1);
    return found.length > 0;
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.pendingEdits.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}

function inNodeModules(uri: vscode.Uri): boolean {
  return uri.path.includes('/node_modules/');
}
