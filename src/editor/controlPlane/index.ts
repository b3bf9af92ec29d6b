import * as vscode from 'vscode';
import type { ExtensionServices } from '../context';
import { AnchorStore } from './anchorStore';
import { CheckTreeProvider } from './checkTreeView';
import { VIEWS } from '../commandIds';
import { registerLifecycleCommands } from './lifecycleCommands';

/** The bundled control plane: lifecycle commands and the Linkerd Health view. */
export function registerControlPlane(services: ExtensionServices): vscode.Disposable {
  const tree = new CheckTreeProvider(services.health);
  return vscode.Disposable.from(
    vscode.window.registerTreeDataProvider(VIEWS.health, tree),
    registerLifecycleCommands(services, new AnchorStore(services.context.secrets)),
  );
}
