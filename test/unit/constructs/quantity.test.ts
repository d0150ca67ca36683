// Kubernetes quantities as the engines need them: exact values, canonical text, comparisons.
import { canonicalQuantity, compareQuantities, parseQuantity, quantityValue } from '../../../constructs/quantity';

const canonical = (v: string | number) => canonicalQuantity(parseQuantity(v)!);

describe('quantities', () => {
  it.each([
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['0.5Gi', '512Mi'],
    [40960, '40960'],
    ['1000', '1k'],
    ['1500m', '1500m'],
    ['1.5', '1500m'],
    ['100Pi', '100Pi'],
    ['512', '512'],
    ['1e3', '1k'],
    ['0', '0'],
  ] as const)('%s prints as %s', (input, expected) => {
    expect(canonical(input)).toBe(expected);
  });

  it('gives whole units rounded up, and orders quantities', () => {
    expect(quantityValue(parseQuantity('4Gi')!) >> 20n).toBe(4096n);
    expect(quantityValue(parseQuantity('1500m')!)).toBe(2n);
    expect(compareQuantities(parseQuantity('1Gi')!, parseQuantity('1000Mi')!)).toBe(1);
    expect(compareQuantities(parseQuantity('1G')!, parseQuantity('1Gi')!)).toBe(-1);
    expect(compareQuantities(parseQuantity('1024Ki')!, parseQuantity('1Mi')!)).toBe(0);
  });

  it('refuses text outside the Kubernetes grammar', () => {
    expect(parseQuantity('lots')).toBeUndefined();
    expect(parseQuantity('1GB')).toBeUndefined();
  });
});
