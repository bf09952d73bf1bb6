// Enterprise policy for a test Firefox without root: a policies.json in a temporary directory,
// pointed at by the pref browser.policies.alternatePath. Verified with firefox-esr 153: Firefox
// honours that pref only "in automation" (Cu.isInAutomation), which needs both the pref below and
// MOZ_DISABLE_NONLOCAL_CONNECTIONS=1 in its environment; without them Services.policies.status
// stays INACTIVE and storage.managed answers "Managed storage manifest not found". The policy is
// read once, at startup.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PolicyLaunch {
  prefs: Record<string, string | boolean>;
  env: Record<string, string>;
  remove(): void;
}

/** `policies` is policies.json's "policies" object (e.g. { "3rdparty": { "Extensions": … } }). */
export function policyLaunch(policies: object): PolicyLaunch {
  const dir = mkdtempSync(join(tmpdir(), 'ff-policies-'));
  const file = join(dir, 'policies.json');
  writeFileSync(file, JSON.stringify({ policies }));
  return {
    prefs: {
      'browser.policies.alternatePath': file,
      'security.turn_off_all_security_so_that_viruses_can_take_over_this_computer': true,
    },
    // Only local connections: the sandbox is on 127.0.0.1.
    env: { MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
