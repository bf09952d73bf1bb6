// The machine side of the demo's browser choice (browser-choice.ts): what is installed, and the
// apt-get install it may run (root on Debian, as .ci/run does).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { chooseBrowser, type DemoBrowser, type MachineFacts } from './browser-choice';
import { executable, onPath } from './environment';

/** Chrome for Testing as `npx @puppeteer/browsers install chrome@stable` leaves it. */
function chromeForTesting(): string[] {
  return [join(process.cwd(), 'chrome'), join(homedir(), '.cache/puppeteer/chrome')].flatMap(
    (dir) =>
      existsSync(dir)
        ? readdirSync(dir)
            .filter((v) => v.startsWith('linux'))
            .sort()
            .reverse()
            .map((v) => join(dir, v, 'chrome-linux64/chrome'))
        : [],
  );
}

function majorVersion(path: string): number | undefined {
  const out = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const major = /(\d+)\./.exec(out.stdout ?? '')?.[1];
  return major ? Number(major) : undefined;
}

export function machineFacts(): MachineFacts {
  return {
    exists: executable,
    majorVersion,
    env: { E2E_CHROMIUM: process.env.E2E_CHROMIUM, E2E_FIREFOX: process.env.E2E_FIREFOX },
    chromeForTesting: chromeForTesting(),
    root: process.getuid?.() === 0,
    apt: onPath('apt-get'),
  };
}

export interface FoundBrowser {
  browser: DemoBrowser;
  path: string;
  label: string;
}

/** The browser to drive, installed first when that is the way; undefined: told what to run. */
export function findBrowser(
  requested: DemoBrowser | undefined,
  say: (line: string) => void,
): FoundBrowser | undefined {
  let decision = chooseBrowser(requested, machineFacts());
  if (decision.kind === 'install') {
    for (const note of decision.notes) say(note);
    say(decision.say);
    for (const [command, ...args] of decision.commands) {
      const run = spawnSync(command as string, args, { stdio: 'inherit' });
      if (run.status !== 0) {
        console.error(`${[command, ...args].join(' ')} failed (exit ${run.status ?? run.signal})`);
        return undefined;
      }
    }
    decision = chooseBrowser(decision.browser, machineFacts());
  }
  if (decision.kind === 'instruct') {
    console.error(decision.message);
    return undefined;
  }
  if (decision.kind !== 'use') return undefined;
  for (const note of decision.notes) say(note);
  return { browser: decision.browser, path: decision.path, label: decision.label };
}
