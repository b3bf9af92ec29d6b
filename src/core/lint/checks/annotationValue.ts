import type { AnnotationSpec } from '../../annotations/catalog';
import { parseCidr } from './cidr';
import { parseGoDuration } from './duration';
import { portEntries } from './ports';
import { parseQuantity } from './quantity';

const LEVEL = '(?:trace|debug|info|warn|error|off)';
const LOG_DIRECTIVE = new RegExp(`^(?:${LEVEL}|[A-Za-z_][A-Za-z0-9_:-]*(?:=${LEVEL})?)$`, 'i');

/** Why a value does not fit its annotation's format, or undefined when it does. One check per value type. */
export function annotationValueProblem(spec: AnnotationSpec, value: string): string | undefined {
  switch (spec.valueType) {
    case 'enum':
    case 'bool': {
      const allowed = (spec.values ?? []).map((v) => v.value);
      // Go's strconv.ParseBool spellings.
      if (spec.valueType === 'bool' && /^(1|0|t|T|f|F|true|TRUE|True|false|FALSE|False)$/.test(value)) return undefined;
      return allowed.includes(value) ? undefined : `'${value}' is not one of ${allowed.join(', ')}`;
    }
    case 'int':
    case 'float': {
      const n = Number(value);
      const shape = spec.valueType === 'int' ? /^-?\d+$/ : /^-?(\d+(\.\d*)?|\.\d+)$/;
      if (!shape.test(value.trim()) || !Number.isFinite(n)) return `'${value}' is not ${spec.valueType === 'int' ? 'a whole number' : 'a number'}`;
      return boundsProblem(spec, n);
    }
    case 'port':
      return /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 65535 ? undefined : `'${value}' is not a port number (1-65535)`;
    case 'portList': {
      const options = spec.portList ?? { ranges: true, names: false };
      for (const e of portEntries(value)) {
        if (e.kind === 'invalid') return `'${e.text}' is invalid: ${e.reason}`;
        if (e.kind === 'range' && !options.ranges) return `'${e.text}' is a range, but this annotation takes single ports only`;
        if (e.kind === 'name' && !options.names) return `'${e.text}' is a name, but this annotation takes port numbers${options.ranges ? ' and ranges' : ''} only`;
      }
      return undefined;
    }
    case 'quantity':
      return parseQuantity(value) !== undefined && parseQuantity(value)! >= 0 ? undefined : `'${value}' is not a Kubernetes quantity (e.g. 100m, 0.5, 64Mi, 1Gi)`;
    case 'duration': {
      const d = parseGoDuration(value);
      return 'error' in d ? d.error : d.ms < 0 ? 'a duration must not be negative' : undefined;
    }
    case 'cidrList': {
      const bad = value.split(',').map((s) => s.trim()).find((s) => s !== '' && !parseCidr(s));
      return bad === undefined ? undefined : `'${bad}' is not an IP network (e.g. 10.0.0.0/8)`;
    }
    case 'logLevel': {
      const bad = value.split(',').find((d) => !LOG_DIRECTIVE.test(d.trim()));
      return bad === undefined ? undefined : `'${bad}' is not a log directive (a level such as warn, or target=level such as linkerd=debug)`;
    }
    case 'json':
      return jsonProblem(value);
    case 'string':
      return undefined;
  }
}

function boundsProblem(spec: AnnotationSpec, n: number): string | undefined {
  const b = spec.bounds;
  if (!b) return undefined;
  const low = b.min !== undefined && (b.exclusive ? n <= b.min : n < b.min);
  const high = b.max !== undefined && (b.exclusive ? n >= b.max : n > b.max);
  if (!low && !high) return undefined;
  const range = [b.min !== undefined ? `${b.exclusive ? 'above' : 'at least'} ${b.min}` : '', b.max !== undefined ? `${b.exclusive ? 'below' : 'at most'} ${b.max}` : ''].filter(Boolean).join(' and ');
  return `${n} is out of range: it must be ${range}`;
}

function jsonProblem(value: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(value);
    if (!Array.isArray(parsed) || !parsed.every((e) => typeof e === 'object' && e !== null && typeof (e as { name?: unknown }).name === 'string')) {
      return 'it must be a JSON array of environment variables, each with a "name"';
    }
    return undefined;
  } catch {
    return 'it is not valid JSON';
  }
}
