// Admin policy in Firefox: the README's policies.json example, loaded as Firefox's enterprise
// policy (a test profile's alternate policy path, firefox-policy.ts), reaches the add-on's
// storage.managed through the 3rdparty section; the settings take it over the agent's own and
// the options page shows those fields locked. Control: a Firefox without the policy has none.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GECKO_ID } from '../../../scripts/firefox-manifest';
import { byRole } from '../../../tools/browser/firefox-panel';
import { useFirefox } from './harness';

/** The README's policies.json example, as written there. */
function readmePolicies(): {
  policies: { '3rdparty': { Extensions: Record<string, Record<string, string>> } };
} {
  const readme = readFileSync('README.md', 'utf8');
  const block = [...readme.matchAll(/```json\n([\s\S]*?)```/g)]
    .map((m) => m[1] ?? '')
    .find((json) => json.includes('"policies"') && json.includes('"3rdparty"'));
  if (!block) throw new Error('README has no policies.json example');
  return JSON.parse(block);
}

type Managed = Record<string, unknown> | string;
const managedStorage = () =>
  (
    globalThis as unknown as {
      browser: { storage: { managed: { get(k: null): Promise<Record<string, unknown>> } } };
    }
  ).browser.storage.managed
    .get(null)
    .catch((e: Error) => `error: ${e.message}`) as Promise<Managed>;

describe('Firefox: admin policy through the 3rdparty managed storage', () => {
  const example = readmePolicies();
  const mine = example.policies['3rdparty'].Extensions[GECKO_ID];
  const ff = useFirefox({ policies: example.policies });
  const bare = useFirefox();

  it('the README example is keyed by the build’s gecko id', () => {
    expect(mine).toMatchObject({ environment: expect.any(String), clientId: expect.any(String) });
  });

  it('storage.managed holds the policy; the settings take it and lock its keys', async () => {
    expect(await ff.current.evalInExtension(managedStorage)).toEqual(mine);
    const view = await ff.current.request('settings.get', {});
    expect(view.settings.environment).toEqual({ kind: 'region', domain: mine?.environment });
    expect(view.settings.clientId).toBe(mine?.clientId);
    expect(view.locked).toMatchObject({ environment: true, clientId: true });
    // The agent cannot override the admin: the save is refused, the policy's value stays.
    await expect(
      ff.current.request('settings.save', { clientId: 'agent-own-client' }),
    ).rejects.toThrow(/settings\.locked/);
    expect((await ff.current.request('settings.get', {})).settings.clientId).toBe(mine?.clientId);
  });

  it('the options page shows the client ID locked, set by the organisation', async () => {
    const m = (key: string) => ff.current.message(key);
    const options = await ff.current.openOptions();
    const field = await options.waitForSelector(byRole('textbox', m('options_client_id')));
    expect(await field?.evaluate((el) => (el as HTMLInputElement).value)).toBe(mine?.clientId);
    expect(await field?.evaluate((el) => (el as HTMLInputElement).disabled)).toBe(true);
    const note = await field?.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(note).toContain(m('options_locked_by_policy'));
    await options.close();
  });

  it('control: without the policy, no managed storage and nothing locked', async () => {
    expect(await bare.current.evalInExtension(managedStorage)).toMatch(/^error: /);
    const view = await bare.current.request('settings.get', {});
    expect(view.locked).toEqual({});
    expect(view.settings.clientId).toBe('');
  });
});
