import { describe, expect, it } from 'vitest';
import {
  bytesBySource,
  decodeVlq,
  moduleShares,
  UNMAPPED,
} from '../../../bench/module-attribution';

describe('module attribution from a source map', () => {
  it('decodes base64 VLQ fields, signs and continuation digits included', () => {
    expect(decodeVlq('AAAA')).toEqual([0, 0, 0, 0]);
    expect(decodeVlq('CACD')).toEqual([1, 0, 1, -1]);
    // 16 needs a continuation digit: 32 → 'gB'
    expect(decodeVlq('gB')).toEqual([16]);
    expect(() => decodeVlq('A*')).toThrow(/base64/);
  });

  it('gives each segment the bytes up to the next one, the line end, and unmapped bytes apart', () => {
    // line 0: "ab" from a.ts (col 0), "cd" and its newline from b.ts (col 2); line 1: "xy"
    // before any segment (unmapped), then "zz" from b.ts (col 2; the source index carries over)
    const code = 'abcd\nxyzz';
    const map = { sources: ['a.ts', 'b.ts'], mappings: 'AAAA,ECAA;EAAA' };
    const totals = bytesBySource(code, map);
    expect(totals.get('a.ts')).toBe(2);
    expect(totals.get('b.ts')).toBe(3 + 2);
    expect(totals.get(UNMAPPED)).toBe(2);
    expect([...totals.values()].reduce((a, b) => a + b, 0)).toBe(code.length);
  });

  it('ranks modules by bytes and splits the file gzip by their share', () => {
    const shares = moduleShares(
      new Map([
        ['small.ts', 25],
        ['big.ts', 75],
      ]),
      400,
    );
    expect(shares).toEqual([
      { source: 'big.ts', bytes: 75, gzip: 300 },
      { source: 'small.ts', bytes: 25, gzip: 100 },
    ]);
  });
});
