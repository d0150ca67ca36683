// Scalars as kubectl reads them. kubectl turns YAML into JSON with sigs.k8s.io/yaml, which decodes with go-yaml v2
// (YAML 1.1 rules, its own subset) into untyped Go values and then marshals them as JSON. Only plain scalars and
// explicitly tagged ones are resolved; quoted scalars are strings. The cases, checked against sigs.k8s.io/yaml
// v1.6.0 (go.yaml.in/yaml/v2 v2.4.3), are in test/unit/cli/kubectl-yaml.test.ts.
import { YamlError } from './yaml-error';

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSES = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const SPECIAL_FLOATS = new Set(['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF']);

/** Go's strconv.ParseInt(s, 0, 64) syntax once go-yaml has removed the underscores. */
const GO_INT = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
/** go-yaml's yamlStyleFloat. */
const GO_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
/** Most numbers in manifests: decimal, exact as a double, no BigInt needed. */
const SMALL_DECIMAL = /^-?(0|[1-9][0-9]{0,14})$/;

const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** A value go-yaml resolves to a float that JSON cannot carry: sigs.k8s.io/yaml then refuses the whole document. */
export class NonJsonFloat {
  constructor(readonly text: string) {}
}

function goInteger(plain: string): number | undefined {
  const m = GO_INT.exec(plain);
  if (!m) return undefined;
  const digits = m[2];
  const body = /^0[0-7]/.test(digits) ? `0o${digits.slice(1)}` : digits; // a leading 0 means octal in YAML 1.1 and Go
  const magnitude = BigInt(body === '0' ? '0' : body);
  const value = m[1] === '-' ? -magnitude : magnitude;
  // ParseInt (int64) then ParseUint (no sign allowed) — beyond both it is not an integer.
  if (value < INT64_MIN || value > UINT64_MAX || (value > 2n ** 63n - 1n && m[1] !== '')) return undefined;
  return Number(value);
}

/** A plain (unquoted, untagged) scalar's value. Timestamps stay their text, as go-yaml gives them to interface{}. */
export function resolvePlain(text: string): unknown {
  const first = text.charCodeAt(0);
  if (text === '' || NULLS.has(text)) return null;
  if (TRUES.has(text)) return true;
  if (FALSES.has(text)) return false;
  if (SPECIAL_FLOATS.has(text)) return new NonJsonFloat(text);
  const isDigit = first >= 48 && first <= 57;
  if (text[0] === '.') return DOT_FLOAT.test(text) ? Number(text) : text;
  if (!isDigit && text[0] !== '-' && text[0] !== '+') return text;
  if (isTimestamp(text)) return text;
  if (SMALL_DECIMAL.test(text)) return Number(text);
  const plain = text.includes('_') ? text.replace(/_/g, '') : text;
  const int = goInteger(plain);
  if (int !== undefined) return int;
  if (GO_FLOAT.test(plain)) {
    const n = Number(plain);
    // Go's ParseFloat reports overflow as an error and go-yaml then keeps the text; underflow is 0.
    return Number.isFinite(n) ? n : text;
  }
  return text;
}

/** go-yaml's quick test that keeps `2024-01-15` from being read as a number; the value stays the text anyway. */
function isTimestamp(text: string): boolean {
  return /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ]|$)/.test(text);
}

const TAG_PREFIX = 'tag:yaml.org,2002:';

/** A scalar with an explicit tag (`!!int "7"`), as go-yaml resolves it; unknown tags leave the text. */
export function resolveTagged(tag: string, text: string): unknown {
  const short = tag.startsWith(TAG_PREFIX) ? `!!${tag.slice(TAG_PREFIX.length)}` : tag;
  switch (short) {
    case '!!str':
    case '!!timestamp':
      return text;
    case '!!binary':
      return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('latin1');
    case '!!int':
    case '!!float':
    case '!!bool':
    case '!!null': {
      const value = resolvePlain(text);
      const got = value === null ? '!!null' : typeof value === 'boolean' ? '!!bool' : typeof value === 'number' ? (Number.isInteger(value) && GO_INT.test(text.replace(/_/g, '')) ? '!!int' : '!!float') : value instanceof NonJsonFloat ? '!!float' : '!!str';
      if (got === short || (short === '!!float' && got === '!!int')) return value;
      throw new YamlError(`cannot decode ${got} \`${text}\` as a ${short}`);
    }
    default:
      return text;
  }
}

/** The shortest float32 digits, as Go's strconv.FormatFloat(f, 'g', -1, 32) gives them (go-yaml's float keys). */
function formatFloat32(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (!Number.isFinite(f)) return f > 0 ? '.inf' : '-.inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const target = Math.fround(f);
  let digits = '';
  let exp = 0;
  for (let p = 1; p <= 9; p++) {
    const s = target.toExponential(p - 1);
    if (Math.fround(Number(s)) === target) {
      const [mantissa, e] = s.split('e');
      digits = mantissa.replace('-', '').replace('.', '');
      exp = Number(e);
      break;
    }
  }
  const sign = target < 0 ? '-' : '';
  if (exp < -4 || exp >= 21 || exp >= Math.max(digits.length, 6)) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const whole = digits.padEnd(exp + 1, '0');
  return `${sign}${whole.slice(0, exp + 1)}${whole.length > exp + 1 ? `.${whole.slice(exp + 1)}` : ''}`;
}

/** A mapping key as a JSON name: sigs.k8s.io/yaml writes bool, int and float keys as text and refuses others. */
export function keyString(key: unknown): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'boolean') return key ? 'true' : 'false';
  if (typeof key === 'number') return Number.isInteger(key) && Math.abs(key) < 2 ** 63 ? BigInt(key).toString() : formatFloat32(key);
  if (key instanceof NonJsonFloat) return formatFloat32(key.text.includes('nan') || key.text.includes('NaN') || key.text.includes('NAN') ? NaN : key.text.startsWith('-') ? -Infinity : Infinity);
  throw new YamlError(key === null ? 'a null mapping key has no JSON form' : 'a mapping or sequence as a mapping key has no JSON form');
}
