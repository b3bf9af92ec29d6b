import * as vscode from 'vscode';
import { ResourceIndex } from '../core/workspace/resourceIndex';
import { parseManifest, type ParsedManifest } from '../core/yaml/manifest';
import type { ManifestCache } from './manifestCache';
import { DEFAULT_MAX_FILE_SIZE } from '../core/yaml/input';

const YAML_GLOB = '**/*.{yaml,yml}';
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
  /** Scans run one after another: the first after activation, then on files.exclude or folder changes. */
  private scanning: Promise<void> = Promise.resolve();
  /**
   * When each file last changed in the index, on a counter. A scan lists the workspace, then reads: whatever
   * the watcher or an editor did in between is newer than the scan and must not be undone by it.
   */
  private clock = 0;
  private readonly stamps = new Map<string, number>();

  constructor(
    private readonly manifests: ManifestCache,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(YAML_GLOB);
    // Folders need their own events: deleting one reports only the folder, and files written into a folder
    // just created (a checkout, an unzip) can be missed before the watcher follows it.
    const folders = vscode.workspace.createFileSystemWatcher('**', false, true, false);
    this.disposables.push(
      watcher,
      folders,
      watcher.onDidCreate((uri) => void this.refreshFromDisk(uri, true)),
      watcher.onDidChange((uri) => void this.refreshFromDisk(uri, !this.resources.has(uri.toString()))),
      folders.onDidCreate((uri) => void this.addFolder(uri)),
      folders.onDidDelete((uri) => this.removeUnder(uri)),
      vscode.workspace.onDidChangeTextDocument((e) => this.scheduleEdit(e.document)),
      // Closing without saving drops the edits: the file on disk is the truth again.
      vscode.workspace.onDidCloseTextDocument((d) => this.resources.has(d.uri.toString()) && void this.refreshFromDisk(d.uri, false)),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('files.exclude') && this.rescan()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rescan()),
    );
    setTimeout(() => this.rescan(), 0);
  }

  private rescan(): void {
    this.scanning = this.scanning
      .then(() => this.scan())
      .catch((e: unknown) => this.log.error(`Workspace index: scanning the workspace failed: ${(e as Error).message}`));
  }

  private async scan(): Promise<void> {
    if (this.disposed) return;
    const started = performance.now();
    const since = this.clock;
    const newer = (key: string) => (this.stamps.get(key) ?? 0) > since;
    // No exclude pattern, so VS Code applies files.exclude; node_modules is skipped here as well, excluded or not.
    const found = (await vscode.workspace.findFiles(YAML_GLOB)).filter((u) => !inNodeModules(u));
    const listed = new Set(found.map((u) => u.toString()));
    const dropped = [...this.resources.uris()].filter((u) => !listed.has(u) && !newer(u));
    for (const key of dropped) this.drop(key);
    const changed: vscode.Uri[] = dropped.map((key) => vscode.Uri.parse(key));
    const uris = found.filter((u) => !newer(u.toString()));
    for (let i = 0; i < uris.length && !this.disposed; i += SCAN_BATCH) {
      const batch = await Promise.all(uris.slice(i, i + SCAN_BATCH).map((u) => this.load(u)));
      changed.push(...uris.slice(i, i + SCAN_BATCH).filter((_, j) => batch[j]));
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.log.info(`Workspace index: ${listed.size} YAML files, ${[...this.resources.resources()].length} objects in ${(performance.now() - started).toFixed(0)} ms`);
    if (changed.length && !this.disposed) this.changed.fire(changed);
  }

  /** Reads a file into the index (the open document's text if it is open); false when skipped. */
  private async load(uri: vscode.Uri): Promise<boolean> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) {
      this.put(uri.toString(), this.manifests.get(open));
      return true;
    }
    try {
      const { size } = await vscode.workspace.fs.stat(uri);
      // The lint's limit, not a second one: what the lint would refuse as too large is not read either
      // (compared in bytes here, in characters there; the same for the ASCII that manifests are).
      const limit = vscode.workspace.getConfiguration('meshaware.lint').get<number>('maxFileSize') ?? DEFAULT_MAX_FILE_SIZE;
      if (size > limit) {
        this.log.info(`Workspace index: skipped ${vscode.workspace.asRelativePath(uri)} (${size} bytes, over the ${limit} of meshaware.lint.maxFileSize)`);
        return this.forget(uri);
      }
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      this.put(uri.toString(), parseManifest(text));
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
        this.put(key, this.manifests.get(document));
        this.changed.fire([document.uri]);
      }, EDIT_DELAY_MS),
    );
  }

  /** Indexes the YAML files of a new folder that the watcher has not reported. */
  private async addFolder(uri: vscode.Uri): Promise<void> {
    // Most created paths are files; only names without an extension are worth asking the file system about.
    if (this.disposed || inNodeModules(uri) || /\.[^/]*$/.test(uri.path) || !vscode.workspace.getWorkspaceFolder(uri)) return;
    try {
      if ((await vscode.workspace.fs.stat(uri)).type !== vscode.FileType.Directory) return;
    } catch {
      return; // Gone again already.
    }
    // Without an exclude pattern the search applies files.exclude, as the full scan does.
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, YAML_GLOB));
    const added: vscode.Uri[] = [];
    for (const u of found.filter((f) => !inNodeModules(f) && !this.resources.has(f.toString()))) {
      if (await this.load(u)) added.push(u);
    }
    if (added.length && !this.disposed) this.changed.fire(added);
  }

  /** Drops a deleted file, or every file of a deleted folder. */
  private removeUnder(uri: vscode.Uri): void {
    const key = uri.toString();
    const gone = [...this.resources.uris()].filter((u) => u === key || u.startsWith(`${key}/`));
    for (const u of gone) this.drop(u);
    if (gone.length && !this.disposed) this.changed.fire(gone.map((u) => vscode.Uri.parse(u)));
  }

  private forget(uri: vscode.Uri): false {
    this.drop(uri.toString());
    return false;
  }

  private put(key: string, parsed: ParsedManifest): void {
    this.resources.setFile(key, parsed);
    this.stamps.set(key, ++this.clock);
  }

  private drop(key: string): void {
    this.resources.deleteFile(key);
    this.stamps.set(key, ++this.clock);
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
