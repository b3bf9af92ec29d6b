import { appliesTo, findValue, type AnnotationHost, type AnnotationSpec } from './catalog';

/** Markdown documentation of an annotation, shared by hovers and completion items. */
export function annotationMarkdown(spec: AnnotationSpec): string {
  const parts = [`**\`${spec.key}\`**`, spec.description];
  if (spec.deprecatedBy) parts.push(`*Deprecated:* use \`${spec.deprecatedBy}\`.`);
  const facts = [
    `Format: ${spec.format}`,
    ...(spec.values && spec.valueType === 'enum' ? [`Values: ${spec.values.map((v) => `\`${v.value}\``).join(', ')}`] : []),
    `Default: ${spec.default ?? 'not set'}`,
    `Example: \`${spec.example}\``,
    `Inherited from the Namespace: ${spec.namespaceInheritable ? 'yes' : 'no'}`,
    `Since: Linkerd ${spec.since}`,
  ];
  parts.push(facts.map((f) => `- ${f}`).join('\n'));
  if (spec.caveat) parts.push(`**Note:** ${spec.caveat}`);
  parts.push(`Invalid value: ${spec.onBadValue}`);
  return parts.join('\n\n');
}

/** Markdown for a value of an annotation: what the value means, or what is accepted instead. */
export function valueMarkdown(spec: AnnotationSpec, value: string): string {
  const known = findValue(spec, value);
  if (known) return `**\`${spec.key}: ${value}\`**\n\n${known.description}`;
  if (spec.valueType === 'enum') {
    const accepted = (spec.values ?? []).map((v) => `\`${v.value}\``).join(', ');
    return `**\`${value}\`** is not a value of \`${spec.key}\`. Accepted (exact, case-sensitive): ${accepted}.\n\n${spec.onBadValue}`;
  }
  return `**\`${spec.key}\`** expects ${spec.format}, for example \`${spec.example}\`.`;
}

/** Why an annotation has no effect where it is written, or undefined when Linkerd reads it there. */
export function placementNote(spec: AnnotationSpec, host: AnnotationHost | undefined): string | undefined {
  if (host === undefined) {
    return 'Linkerd does not read annotations on this object. Put it in the pod template (`spec.template.metadata.annotations`) or on the Pod or Namespace.';
  }
  if (appliesTo(spec, host)) return undefined;
  return host === 'namespace' ? 'Not inherited from the Namespace: set it on the pods (or pod templates) instead.' : 'Linkerd does not read this annotation on a Service.';
}
