/** Prometheus text exposition, written family by family in the order Linkerd's proxy uses. */
export class Exposition {
  private readonly families = new Map<string, { type: string; help: string; samples: string[] }>();

  family(name: string, type: 'counter' | 'gauge' | 'histogram', help: string): void {
    if (!this.families.has(name)) this.families.set(name, { type, help, samples: [] });
  }

  sample(family: string, name: string, labels: [string, string][], value: number): void {
    const rendered = labels.map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',');
    this.families.get(family)!.samples.push(`${name}${rendered ? `{${rendered}}` : ''} ${value}`);
  }

  toString(): string {
    const out: string[] = [];
    for (const [name, f] of this.families) {
      if (f.samples.length === 0) continue;
      out.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`, ...f.samples);
    }
    return out.join('\n') + '\n';
  }
}
