// Which browser `npm run demo` drives, or what it installs or prints, on machines described by
// facts (nothing is installed or launched here).
import { describe, expect, it } from 'vitest';
import { chooseBrowser, type MachineFacts } from '../../../scripts/demo/browser-choice';

const machine = (
  present: string[],
  more: Partial<MachineFacts> & { versions?: Record<string, number> } = {},
): MachineFacts => ({
  exists: (p) => present.includes(p),
  majorVersion: (p) => more.versions?.[p],
  env: more.env ?? {},
  chromeForTesting: more.chromeForTesting ?? [],
  root: more.root ?? false,
  apt: more.apt ?? true,
});

const CFT = '/repo/chrome/linux-140.0.0.0/chrome-linux64/chrome';

describe('demo browser choice', () => {
  it('takes the first usable browser: Debian Chromium, Chrome for Testing, Edge, Firefox', () => {
    const all = ['/usr/bin/chromium', CFT, '/usr/bin/microsoft-edge', '/usr/bin/firefox-esr'];
    const pick = (present: string[]) =>
      chooseBrowser(undefined, machine(present, { chromeForTesting: [CFT] }));
    expect(pick(all)).toMatchObject({
      kind: 'use',
      browser: 'chromium',
      path: '/usr/bin/chromium',
    });
    expect(pick(all.slice(1))).toMatchObject({ kind: 'use', browser: 'chrome', path: CFT });
    expect(pick(all.slice(2))).toMatchObject({ kind: 'use', browser: 'edge' });
    expect(pick(all.slice(3))).toMatchObject({ kind: 'use', browser: 'firefox' });
  });

  it('--browser picks that browser even when another comes first', () => {
    const m = machine(['/usr/bin/chromium', '/usr/bin/firefox'], {});
    expect(chooseBrowser('firefox', m)).toMatchObject({ kind: 'use', path: '/usr/bin/firefox' });
    expect(chooseBrowser('chromium', m)).toMatchObject({ kind: 'use', browser: 'chromium' });
  });

  it('honours E2E_CHROMIUM / E2E_FIREFOX, and never installs over a path the person named', () => {
    const named = machine(['/opt/my/chromium'], { env: { E2E_CHROMIUM: '/opt/my/chromium' } });
    expect(chooseBrowser(undefined, named)).toMatchObject({ path: '/opt/my/chromium' });
    const missing = chooseBrowser(
      'chromium',
      machine([], { env: { E2E_CHROMIUM: '/nonexistent/chromium' }, root: true }),
    );
    expect(missing.kind).toBe('instruct');
    expect(missing.kind === 'instruct' && missing.message).toContain('/nonexistent/chromium');
    expect(missing.kind === 'instruct' && missing.message).toContain('apt-get install -y chromium');
  });

  it('with nothing present, as root on Debian: says so and installs Chromium with apt-get', () => {
    const d = chooseBrowser(undefined, machine([], { root: true, apt: true }));
    expect(d).toMatchObject({
      kind: 'install',
      browser: 'chromium',
      commands: [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', 'chromium'],
      ],
    });
    expect(d.kind === 'install' && d.say).toMatch(
      /No usable browser.*Installing Debian's chromium/,
    );
    expect(chooseBrowser('firefox', machine([], { root: true }))).toMatchObject({
      kind: 'install',
      commands: [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', 'firefox-esr'],
      ],
    });
  });

  it('with nothing present and no root: prints the one command (sudo), or Chrome for Testing without apt', () => {
    const user = chooseBrowser(undefined, machine([], { root: false, apt: true }));
    expect(user).toMatchObject({ kind: 'instruct' });
    expect(user.kind === 'instruct' && user.message).toContain(
      'sudo apt-get update && sudo apt-get install -y chromium',
    );
    const noApt = chooseBrowser(undefined, machine([], { root: true, apt: false }));
    expect(noApt.kind === 'instruct' && noApt.message).toContain(
      'npx @puppeteer/browsers install chrome@stable',
    );
  });

  it('says why branded Google Chrome 137+ is not used, and nothing of an older one', () => {
    const chrome = '/usr/bin/google-chrome';
    const d = chooseBrowser(
      undefined,
      machine([chrome, '/usr/bin/firefox-esr'], { versions: { [chrome]: 140 } }),
    );
    expect(d).toMatchObject({ kind: 'use', browser: 'firefox' });
    expect(d.kind === 'use' && d.notes.join()).toMatch(/140.*ignores --load-extension/);
    const none = chooseBrowser('chrome', machine([chrome], { versions: { [chrome]: 140 } }));
    expect(none.kind === 'instruct' && none.message).toMatch(
      /ignores --load-extension[\s\S]*npx @puppeteer\/browsers install chrome@stable/,
    );
    const old = chooseBrowser(undefined, machine([chrome], { versions: { [chrome]: 136 } }));
    expect(old.kind === 'instruct' && old.message).not.toMatch(/ignores/);
  });
});
