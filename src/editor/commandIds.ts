// Every command id, view id and context key the extension registers or sets, in one place. package.json
// declares the same ids (test/unit/editor/commandIds.test.ts holds the two to each other).
import type { WalkthroughFacts } from '../core/walkthrough/progress';

/** The cluster features: registrations, lenses and the status bar. */
export const COMMANDS = {
  selectContext: 'meshaware.cluster.selectContext',
  refresh: 'meshaware.cluster.refresh',
  applyDocument: 'meshaware.cluster.applyDocument',
  applyFile: 'meshaware.cluster.applyFile',
  restartWorkload: 'meshaware.cluster.restartWorkload',
  /** Restarts the workloads of a namespace whose pods predate its inject annotation. */
  restartNamespace: 'meshaware.cluster.restartNamespace',
} as const;

/** Add to mesh: the registrations and the code lenses. */
export const INJECT_COMMANDS = {
  add: 'meshaware.addToMesh',
  remove: 'meshaware.removeFromMesh',
  addAll: 'meshaware.addAllToMesh',
  removeAll: 'meshaware.removeAllFromMesh',
  /** Internal (not in the palette): carries out one InjectionAction on one object; the lenses' Opt out, Enable, Fix and Move. */
  apply: 'meshaware.inject.apply',
} as const;

/** The control-plane features. */
export const CONTROL_PLANE_COMMANDS = {
  checkPre: 'meshaware.linkerd.checkPre',
  check: 'meshaware.linkerd.check',
  install: 'meshaware.linkerd.install',
  upgrade: 'meshaware.linkerd.upgrade',
  rotateIssuer: 'meshaware.linkerd.rotateIssuer',
  uninstall: 'meshaware.linkerd.uninstall',
  exportTrustAnchor: 'meshaware.linkerd.exportTrustAnchor',
  importTrustAnchor: 'meshaware.linkerd.importTrustAnchor',
  /** Does what a check's hint says (restart the workloads, upgrade…); the Linkerd Health view's action rows. */
  runCheckFix: 'meshaware.linkerd.runCheckFix',
} as const;

/** The Live Traffic view's title-bar commands. */
export const TRAFFIC_COMMANDS = {
  refresh: 'meshaware.traffic.refresh',
  pause: 'meshaware.traffic.pause',
  resume: 'meshaware.traffic.resume',
  /** Opens the same view in an editor tab, for big meshes; the side view stays. */
  openInEditor: 'meshaware.traffic.openInEditor',
} as const;

/** The Get Started walkthrough's buttons, which act from the walkthrough page itself. */
export const WALKTHROUGH_COMMANDS = {
  addToMesh: 'meshaware.walkthrough.addToMesh',
  rollOut: 'meshaware.walkthrough.rollOut',
} as const;

/** Views, by the ids package.json gives them. */
export const VIEWS = {
  health: 'meshaware.health',
  traffic: 'meshaware.traffic',
} as const;

/** Webview panel types (editor tabs), which package.json does not declare. */
export const PANELS = {
  traffic: 'meshaware.trafficEditor',
} as const;

/** Context keys the `when` clauses of package.json read. */
export const CONTEXT_KEYS = {
  trafficPaused: 'meshaware.traffic.paused',
  /** The current context runs Linkerd: the Linkerd Health view's title bar offers upgrade, rotate and uninstall. */
  linkerdInstalled: 'meshaware.linkerdInstalled',
  /** A context is selected and answers: the editor's menu offers cluster actions, the Health view's empty state says what to do next. */
  clusterConnected: 'meshaware.clusterConnected',
  /** The kubeconfig was read and the current context checked once: until then neither of the keys above is known. */
  clusterChecked: 'meshaware.clusterChecked',
} as const;

/** Context keys for the editor's context menu: it offers only what the object under the cursor can have done. */
export const MENU_KEYS = {
  add: 'meshaware.cursor.canAdd',
  remove: 'meshaware.cursor.canRemove',
  restartWorkload: 'meshaware.cursor.canRestartWorkload',
  restartNamespace: 'meshaware.cursor.canRestartNamespace',
} as const;

/** The context key of each walkthrough fact, as package.json's walkthrough steps name them. */
export const WALKTHROUGH_KEYS: Readonly<Record<keyof WalkthroughFacts, string>> = {
  contextReady: 'meshaware.walkthrough.contextReady',
  linkerdInstalled: 'meshaware.walkthrough.linkerdInstalled',
  meshedInFile: 'meshaware.walkthrough.meshedInFile',
  podsMeshed: 'meshaware.walkthrough.podsMeshed',
  trafficSeen: 'meshaware.walkthrough.trafficSeen',
};
