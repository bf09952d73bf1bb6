// The README's Firefox policy example: the policies.json shape Firefox reads (3rdparty.Extensions,
// keyed by the add-on id the Firefox build carries), with the same settings as the Chrome one.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { GECKO_ID } from '../../../scripts/firefox-manifest';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

function section(heading: string): Record<string, unknown>[] {
  const start = readme.indexOf(heading);
  if (start < 0) throw new Error(`no section ${heading}`);
  const body = readme.slice(start, readme.indexOf('\n## ', start + 1));
  return [...body.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => JSON.parse(m[1] as string));
}

it('names the Firefox add-on id, and sets what the minimal Chrome policy sets', () => {
  const [firefox] = section('## Admin policy and rollout (Firefox)') as {
    policies: {
      '3rdparty': { Extensions: Record<string, unknown> };
      ExtensionSettings: Record<string, { installation_mode: string }>;
    };
  }[];
  const [chrome] = section('## Admin policy and rollout (Chrome / Edge)') as {
    '3rdparty': { extensions: Record<string, unknown> };
  }[];
  expect(Object.keys(firefox?.policies['3rdparty'].Extensions ?? {})).toEqual([GECKO_ID]);
  expect(firefox?.policies['3rdparty'].Extensions[GECKO_ID]).toEqual(
    Object.values(chrome?.['3rdparty'].extensions ?? {})[0],
  );
  expect(firefox?.policies.ExtensionSettings[GECKO_ID]?.installation_mode).toBe('force_installed');
});
