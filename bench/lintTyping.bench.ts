// Lint as you type: what one pause in typing costs in a large policy file (the editor's debounced lint):
// parse the edited text once (the editor's manifest cache), give it to the warm LintSession, and recompute the
// findings of every file the edit can affect. Baseline: yaml parseAllDocuments of the same file, same run.
import { parseAllDocuments } from 'yaml';
import { LintSession } from '../src/core/lint/session';
import { parseManifest } from '../src/core/yaml/manifest';
import { median, report, time } from './measure';
import { policies, workload } from './policyWorkspace';

const ns = 'shop';

/** Measures one size: `apps` Servers with their policies in one file (four documents per app). */
function measure(APPS: number): void {
  const apps = Array.from({ length: APPS }, (_, i) => `app-${i}`);
  // One policy file with every app's Server, MeshTLSAuthentication, AuthorizationPolicy and ServiceAccount; the
  // workloads live in a file of their own, so the cross-file rules have work to do.
  const policyText = apps.flatMap((a, i) => policies(ns, a, apps[(i + 1) % APPS])).join('---\n');
  const workloadText = apps.map((a) => workload(ns, a)).join('---\n');
  const uri = 'file:///ws/policies.yaml';
  console.log(`policy file: ${APPS * 4} documents, ${(policyText.length / 1024).toFixed(0)} KiB; workloads: ${APPS} documents in another file`);

  const session = new LintSession();
  session.setFile('file:///ws/workloads.yaml', workloadText);
  session.setFile(uri, policyText);
  const clean = session.findings(uri);
  if (clean.length) throw new Error(`the policy file should lint clean, got ${clean[0].code} ${clean[0].message}`);

  // A keystroke in the middle of the file: a Server's name gains a character, which AuthorizationPolicies resolve.
  const at = policyText.indexOf(`name: ${apps[APPS >> 1]}-http`) + 'name: '.length;
  const typed = `${policyText.slice(0, at)}x${policyText.slice(at)}`;
  let flip = false;
  const pause = () => {
    flip = !flip;
    const text = flip ? typed : policyText;
    for (const u of session.setFile(uri, text, parseManifest(text))) session.findings(u);
  };
  pause();
  if (!session.findings(uri).some((f) => f.code === 'MA301')) throw new Error('the edit should leave a reference unresolved (MA301)');
  pause();

  const parseRounds: number[] = [];
  const typingRounds: number[] = [];
  for (let round = 0; round < 5; round++) {
    parseRounds.push(time(() => parseAllDocuments(flip ? typed : policyText), 5, 1));
    typingRounds.push(time(pause, 6, 2));
  }
  const parse = median(parseRounds);
  report(`${APPS * 4} docs: yaml parseAllDocuments (baseline)`, parse, 'parse', parse);
  report(`${APPS * 4} docs: one as-you-type lint`, median(typingRounds), 'parse', parse, 3);
}

// A hand-written policy file (120 documents) and a generated one ten times larger.
for (const apps of [30, 300]) measure(apps);
