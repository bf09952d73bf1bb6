import { describe, expect, it } from 'vitest';
import {
  formatLoad,
  formatVerdict,
  README_END,
  README_START,
  readmeBlock,
  replaceReadmeBlock,
  table,
} from '../../../bench/report';
import { judge } from '../../../bench/targets';

const summary = (p50: number, p95: number) => ({ n: 20, min: 1, p50, p95, max: p95, mean: p50 });
const results = {
  generatedAt: '2026-12-06T17:30:00.000Z',
  machine: {
    cpu: 'Test CPU',
    cores: 2,
    memoryGb: 8,
    os: 'linux 6',
    node: 'v20',
    chromium: 'Chromium 156',
  },
  settings: { latencyMs: 150, samples: 20 },
  figures: judge({
    rawWarmKnown: { summary: summary(155, 170) },
    triggerWarmKnown: {
      summary: summary(190, 210),
      load: { before: [1.25, 1, 1], after: [2, 1, 1] },
    },
    gzipContent: { value: 7000 },
    popupToList: { notMeasured: 'popup | failed' },
  }),
};

describe('bench report', () => {
  it('renders the README block from the results alone: value, n, load, target, verdict', () => {
    const block = readmeBlock(results);
    expect(block.startsWith(README_START)).toBe(true);
    expect(block.endsWith(README_END)).toBe(true);
    expect(block).toContain('2026-12-06 17:30 UTC, `--latency-ms 150 --samples 20`');
    const row = block
      .split('\n')
      .find((l) => l.startsWith('| trigger → join code painted (worker warm, known'));
    expect(row).toBe(
      '| trigger → join code painted (worker warm, known conversation) | p50 190 · p95 210 ms | 20 | 1.25 → 2.00 | p95 ≤ paired raw p95 + 25 ms = 195 ms | **not met**, +15 ms |',
    );
    const size = block.split('\n').find((l) => l.startsWith('| gzip: content script'));
    expect(size).toContain('| 6.8 KB (7,000 B) |  |  | ≤ 6 KB (6144 B) | **not met**, +856 B |');
    // A pipe in a reason would split the table's cells.
    expect(block).toContain('popup \\| failed');
  });

  it("puts a Firefox run's table after Chromium's, and leaves the block as it was without one", () => {
    const firefox = {
      ...results,
      generatedAt: '2026-12-06T18:00:00.000Z',
      machine: { ...results.machine, chromium: undefined, firefox: 'Mozilla Firefox 153.0esr' },
      settings: { latencyMs: 150, samples: 5 },
      figures: judge({
        workerStart: { summary: summary(40, 70) },
        popupToList: { notMeasured: 'not measured in Firefox: the toolbar popup is no page' },
      }),
    };
    const chromiumOnly = readmeBlock(results);
    const both = readmeBlock(results, firefox);
    const [chromiumPart, firefoxPart] = both.split('**Firefox**');
    // Chromium's part is the block without Firefox, to the line.
    expect(`${chromiumPart}`.trimEnd()).toBe(chromiumOnly.replace(`\n${README_END}`, ''));
    expect(firefoxPart).toContain(
      '2026-12-06 18:00 UTC, `--browser firefox --latency-ms 150 --samples 5`',
    );
    expect(firefoxPart).toContain('Mozilla Firefox 153.0esr');
    expect(firefoxPart).toContain(
      '| worker start: stopped → first message answered | p50 40 · p95 70 ms | 20 |  | p95 ≤ 60 ms | **not met**, +10 ms |',
    );
    expect(firefoxPart).toContain('not measured — not measured in Firefox: the toolbar popup');
    expect(both.endsWith(README_END)).toBe(true);
  });

  it('replaces exactly the marked block and refuses a README without markers', () => {
    const readme = `# X\n\nbefore\n${README_START}\nold figures\n${README_END}\nafter\n`;
    const out = replaceReadmeBlock(readme, `${README_START}\nnew\n${README_END}`);
    expect(out).toBe(`# X\n\nbefore\n${README_START}\nnew\n${README_END}\nafter\n`);
    expect(replaceReadmeBlock(out, `${README_START}\nnew\n${README_END}`)).toBe(out);
    expect(() => replaceReadmeBlock('# no markers', 'x')).toThrow(/markers/);
  });

  it('says met, not met by how much, or not measured', () => {
    const figures = judge({
      rawWarmNew: { summary: summary(150, 160) },
      triggerWarmNew: { summary: summary(170, 180) },
    });
    const get = (id: string) => figures.find((f) => f.id === id);
    expect(formatVerdict(get('triggerWarmNew') as never)).toBe('met');
    expect(formatVerdict(get('triggerColdNew') as never)).toBe('not measured');
    expect(formatLoad(get('triggerWarmNew') as never)).toBe('');
    expect(table(figures)).toMatch(
      /trigger → join code painted \(worker warm, new conversation\).*met/,
    );
  });
});
