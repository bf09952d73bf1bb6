import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { slimMessages } from '../../../scripts/slim-locales-plugin';

describe('the shipped locale files', () => {
  it('keep every message and placeholder, in order, and drop only the translator notes', () => {
    const raw = JSON.stringify(
      {
        b_key: {
          message: 'Wait $SECONDS$ s',
          description: 'note',
          placeholders: { seconds: { content: '$1', example: '30' } },
        },
        a_key: { message: 'Hello', description: 'another note' },
      },
      null,
      2,
    );
    const slim = slimMessages(raw);
    expect(JSON.parse(slim)).toEqual({
      b_key: {
        message: 'Wait $SECONDS$ s',
        placeholders: { seconds: { content: '$1', example: '30' } },
      },
      a_key: { message: 'Hello' },
    });
    expect(Object.keys(JSON.parse(slim))).toEqual(['b_key', 'a_key']);
    expect(slim).not.toContain('note');
  });

  it('leaves each real locale with the same messages as its source', () => {
    for (const locale of ['en', 'de', 'es', 'fr', 'ja']) {
      const raw = readFileSync(`public/_locales/${locale}/messages.json`, 'utf8');
      const source = JSON.parse(raw) as Record<string, { message: string; placeholders?: unknown }>;
      const shipped = JSON.parse(slimMessages(raw)) as typeof source;
      expect(Object.keys(shipped)).toEqual(Object.keys(source));
      for (const [key, entry] of Object.entries(source)) {
        expect(shipped[key]?.message).toBe(entry.message);
        expect(shipped[key]?.placeholders).toEqual(entry.placeholders);
      }
      expect(slimMessages(raw).length).toBeLessThan(raw.length * 0.7);
    }
  });
});
