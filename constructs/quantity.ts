// Kubernetes resource quantities ("1Gi", "500m", 40960) as exact numbers, for engines that turn a cache quota into
// their own units (JuiceFS cache-size in MiB, Jindo capacities) and compare it with container resources.
// Mirrors k8s.io/apimachinery/pkg/api/resource: values are kept in nano-units and rounded up, like Quantity.Value().

const NANO = 1_000_000_000n;
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'] as const;
const DECIMAL_SUFFIXES: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const GRAMMAR = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

export interface Quantity {
  /** The value times 10^9, rounded up. */
  readonly nanos: bigint;
  /** Written with a power-of-two suffix (Ki, Mi ...): its canonical form keeps one. */
  readonly binary: boolean;
}

/** Multiplier of a suffix as numerator / denominator. */
function multiplier(suffix: string): [bigint, bigint] {
  const binary = BINARY_SUFFIXES.indexOf(suffix as (typeof BINARY_SUFFIXES)[number]);
  if (suffix !== '' && binary > 0) return [1024n ** BigInt(binary), 1n];
  const exponent = /^[eE]/.test(suffix) ? Number(suffix.slice(1)) : Number(Object.entries(DECIMAL_SUFFIXES).find(([, s]) => s === suffix)?.[0] ?? 0);
  return exponent >= 0 ? [10n ** BigInt(exponent), 1n] : [1n, 10n ** BigInt(-exponent)];
}

function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  const q = numerator / denominator;
  return numerator % denominator > 0n ? q + 1n : q;
}

/** Parses a quantity; undefined when it does not follow the Kubernetes grammar. */
export function parseQuantity(value: string | number): Quantity | undefined {
  const match = GRAMMAR.exec(String(value).trim());
  if (!match) return undefined;
  const [, sign, number, suffix = ''] = match;
  const [whole, fraction = ''] = number.split('.');
  const digits = BigInt(`${whole || '0'}${fraction}`);
  const [num, den] = multiplier(suffix);
  const magnitude = ceilDiv(digits * num * NANO, 10n ** BigInt(fraction.length) * den);
  return { nanos: sign === '-' ? -magnitude : magnitude, binary: BINARY_SUFFIXES.includes(suffix as never) && suffix !== '' };
}

/** Whole units (bytes for memory), rounded up like Quantity.Value(). */
export function quantityValue(q: Quantity): bigint {
  return q.nanos >= 0n ? ceilDiv(q.nanos, NANO) : -ceilDiv(-q.nanos, NANO);
}

export function compareQuantities(a: Quantity, b: Quantity): number {
  return a.nanos === b.nanos ? 0 : a.nanos > b.nanos ? 1 : -1;
}

function decimalForm(nanos: bigint): string {
  if (nanos === 0n) return '0';
  let mantissa = nanos;
  let exponent = -9;
  while (mantissa % 1000n === 0n && exponent < 18) {
    mantissa /= 1000n;
    exponent += 3;
  }
  return `${mantissa}${DECIMAL_SUFFIXES[exponent]}`;
}

/**
 * The canonical text Kubernetes prints for a quantity (Quantity.String()): "1024Mi" is "1Gi", "1500m" stays. A
 * binary quantity below 1024 or with a fractional part is printed in decimal form, as Kubernetes does.
 */
export function canonicalQuantity(q: Quantity): string {
  const whole = q.nanos % NANO === 0n;
  const units = q.nanos / NANO;
  if (!q.binary || !whole || (units < 1024n && units > -1024n)) return decimalForm(q.nanos);
  let mantissa = units;
  let power = 0;
  while (mantissa % 1024n === 0n && power < BINARY_SUFFIXES.length - 1) {
    mantissa /= 1024n;
    power++;
  }
  return `${mantissa}${BINARY_SUFFIXES[power]}`;
}
