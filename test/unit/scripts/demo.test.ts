// Keeps `npm run demo` honest without a browser: the report marks failures and the verdict, and
// a machine without Chromium gets the install command and a non-zero exit.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderReport, type StepResult } from '../../../scripts/demo/report';

const meta = {
  startedAt: new Date('2026-01-02T03:04:05Z'),
  sandboxUrl: 'http://127.0.0.1:8787',
  chromium: 'Chromium 156',
  input: 'real',
};
const step = (title: string, passed: boolean, screenshots: string[] = []): StepResult => ({
  title,
  did: `did ${title}`,
  saw: passed ? [`saw ${title}`] : ['FAILED: the overlay never showed'],
  passed,
  screenshots,
  ms: 1500,
});

describe('demo report', () => {
  it('passes only when every step passed, linking each screenshot', () => {
    const text = renderReport(meta, [step('Popup', true, ['05-popup.png']), step('Menu', true)]);
    expect(text).toContain('**PASS**: 2 steps');
    expect(text).toContain('| 1 | Popup | pass | [05-popup.png](05-popup.png) |');
    expect(text).toContain('![05-popup.png](05-popup.png)');
  });

  it('names the failed steps and what was seen', () => {
    const text = renderReport(meta, [step('Popup', true), step('Menu | right-click', false)]);
    expect(text).toContain('**FAIL**: 1 of 2 steps failed');
    expect(text).toContain('| 2 | Menu \\| right-click | **FAIL** |');
    expect(text).toContain('- FAILED: the overlay never showed');
  });
});

describe('npm run demo', () => {
  it('runs scripts/demo.ts with tsx', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { demo: string } };
    expect(pkg.scripts.demo).toBe('tsx scripts/demo.ts');
  });

  it('without Chromium: prints how to install it and exits non-zero', () => {
    // --browser chromium: without it the demo would go on with another browser it finds. A
    // browser named by path is never installed over, so this runs no apt-get even as root.
    const args = ['scripts/demo.ts', '--headless', '--browser', 'chromium'];
    const run = spawnSync('node_modules/.bin/tsx', args, {
      env: { ...process.env, E2E_CHROMIUM: '/nonexistent/chromium' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('apt-get install -y chromium');
    // tsx loading the demo's imports (Playwright, the sandbox) is slow on a busy 2-core runner.
  }, 30_000);
});
