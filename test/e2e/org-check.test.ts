// The org check against the sandbox under every profile of the unverified behaviours: the
// report states each profile's value exactly (the offer lifetime within the Date header's one
// second). Two profiles run through the options page as an admin does (fields, the button, the
// table, the download); the others drive the same background check with the protocol's request.
// The test plays the customer in the test Messenger whenever the check asks.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckPrompt, OrgCheckReport } from '../../src/shared/org-check';
import { findingText } from '../../src/shared/org-check-text';
import { signIn } from '../../tools/browser/agent';
import { freshConversation } from '../../tools/browser/cobrowse';
import { checkStatus, followCheck, startInOptions } from '../../tools/browser/org-check';
import { profiles, UNVERIFIED_DIMENSIONS } from '../../tools/sandbox/profiles';
import { defaultSettings, type SandboxSettings } from '../../tools/sandbox/settings';
import '../support/i18n';
import { useExtension } from './harness/fixture';
import { SEED, useSandbox } from './harness/sandbox';

const ACTION: Record<CheckPrompt, 'decline' | 'go-offline' | 'go-online'> = {
  answer_offer: 'decline',
  close_messenger: 'go-offline',
  open_messenger: 'go-online',
};
const UI_PROFILES = ['default', 'redeliverOfferOnJoin=true'];
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe (WCAG 2.0/2.1 A and AA) on the options page as it shows the report: the violations. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is loaded into the page at run time
    const axe = (window as any).axe;
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return r.violations.map(
      (v: { id: string; nodes: { target: unknown }[] }) =>
        `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`,
    );
  });
}

const DIMENSIONS = Object.keys(UNVERIFIED_DIMENSIONS) as (keyof typeof UNVERIFIED_DIMENSIONS)[];

describe('org check', () => {
  const ext = useExtension();
  const sandbox = useSandbox(ext);
  let options: Page;

  beforeAll(async () => {
    await signIn(ext.current, sandbox.current);
    // The page that hosts the agent viewer when the check opens it (also for request runs).
    options = await ext.current.openOptions();
  });

  /** The profile in force (every dimension from its default), a fresh sign-in, fresh conversations. */
  async function underProfile(name: string) {
    const profile = profiles().find((p) => p.name === name);
    if (!profile) throw new Error(`no profile ${name}`);
    const s = sandbox.current;
    const defaults = defaultSettings() as unknown as Record<string, unknown>;
    s.settings({
      ...Object.fromEntries(DIMENSIONS.map((k) => [k, defaults[k]])),
      ...profile.settings,
    } as Partial<SandboxSettings>);
    // A new token answer, so it carries a refresh token exactly when the profile issues one.
    await ext.current.request('auth.signOut', {});
    await signIn(ext.current, s);
    return {
      conversationId: freshConversation(s, { customerName: 'Quinn Checkwell' }),
      voiceConversationId: freshConversation(s, { media: 'call', customerName: 'Quinn Voice' }),
    };
  }

  const playCustomer = (conversationId: string) => (prompt: CheckPrompt) => {
    sandbox.current.customer(conversationId, ACTION[prompt]);
  };

  function expectProfileValues(report: OrgCheckReport) {
    const settings = sandbox.current.settings() as unknown as Record<string, unknown>;
    const byId = new Map(report.findings.map((f) => [f.id as string, f]));
    for (const key of DIMENSIONS as string[]) {
      // The offer lifetime is read against the Date header's whole seconds: ±1 s (below).
      if (key === 'offerTtlSeconds') continue;
      expect(byId.get(key), `finding ${key}: ${JSON.stringify(byId.get(key))}`).toMatchObject({
        value: settings[key],
      });
    }
    const ttl = byId.get('offerTtlSeconds')?.value as number;
    expect(Math.abs(ttl - (settings.offerTtlSeconds as number))).toBeLessThanOrEqual(1);
    expect(report.findings.filter((f) => f.value === undefined)).toEqual([]);
    expect(report.failedSteps).toEqual([]);
  }

  async function expectNothingLeftAndNothingSecret(report: OrgCheckReport, markdown: string) {
    const s = sandbox.current;
    // Every session the check made is over (the agent can start again at once).
    expect(
      s
        .sessions()
        .filter(
          (x) => x.userId === SEED.users.agent && (x.state === 'offered' || x.state === 'active'),
        ),
    ).toEqual([]);
    const token = ((await ext.current.sessionStorage())['auth.token'] as { accessToken: string })
      .accessToken;
    const text = JSON.stringify(report) + markdown;
    expect(text).not.toContain(token);
    expect(text).not.toContain('Quinn');
    for (const session of s.sessions()) expect(text).not.toContain(session.joinCode);
  }

  it.each(UI_PROFILES)(
    'through the options page under %s: the report states the profile',
    async (name) => {
      const target = await underProfile(name);
      const s = sandbox.current;
      // Another agent's live session: the check must leave it alone.
      const otherToken = s.issueToken(SEED.users.messagingOnly);
      const other = SEED.conversations.messagingOnly.messagingOnline;
      const res = await fetch(`${s.url}/api/v2/conversations/${other}/cobrowse`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${otherToken}` },
      });
      expect(res.status).toBe(200);
      const otherId = ((await res.json()) as { id: string }).id;

      try {
        await options.reload();
        await startInOptions(ext.current, options, target);
        const steps: string[] = [];
        const { report, markdown } = await followCheck(() => checkStatus(options), {
          onPrompt: playCustomer(target.conversationId),
          onStep: (text) => steps.push(text),
        });
        expectProfileValues(report);
        await expectNothingLeftAndNothingSecret(report, markdown);
        expect(s.sessions().find((x) => x.id === otherId)?.state).toBe('offered');
        // It said what it would do before each step, and what it asked of the admin, in order.
        const before = (key: string) => ext.current.message(key).split('$')[0] as string;
        const said = (await checkStatus(options)).said;
        expect(said[0]).toBe(ext.current.message('orgcheck_step_token'));
        const order = [
          'orgcheck_step_create',
          'orgcheck_step_answer',
          'orgcheck_prompt_answer_offer',
        ];
        const at = [
          ...order.map((key) => said.findIndex((l) => l.startsWith(before(key)))),
          said.indexOf(ext.current.message('orgcheck_step_end')),
        ];
        expect(
          at.every((i, n) => i >= 0 && (n === 0 || i > (at[n - 1] as number))),
          said.join('\n'),
        ).toBe(true);

        // The table shows each finding; the JSON download is the report.
        for (const f of report.findings) {
          const row = options.getByRole('row', {
            name: new RegExp(findingText(f).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
          });
          await expect.poll(() => row.count()).toBeGreaterThan(0);
        }
        const [download] = await Promise.all([
          options.waitForEvent('download'),
          options
            .getByRole('button', { name: ext.current.message('orgcheck_download_json') })
            .click(),
        ]);
        const saved = await download.path();
        expect(JSON.parse(readFileSync(saved, 'utf8'))).toEqual(report);
        expect(await axeViolations(options)).toEqual([]);
      } finally {
        s.customer(other, 'end-session');
      }
    },
  );

  const others = profiles()
    .map((p) => p.name)
    .filter((n) => !UI_PROFILES.includes(n));
  it.each(others)('under %s: the report states the profile', async (name) => {
    const target = await underProfile(name);
    await ext.current.request('orgcheck.start', {
      ...target,
      customerWaitSeconds: 60,
      observeSeconds: 3,
    });
    const { report, markdown } = await followCheck(
      () => ext.current.request('orgcheck.status', {}),
      {
        onPrompt: playCustomer(target.conversationId),
      },
    );
    expectProfileValues(report);
    await expectNothingLeftAndNothingSecret(report, markdown);
  });

  it('a failed step is reported with its status; the rest still runs and nothing is left live', async () => {
    const target = await underProfile('default');
    const s = sandbox.current;
    // The first POST on the test conversation fails; every later call answers as usual.
    s.fault({ method: 'POST', path: `${target.conversationId}/cobrowse$`, status: 503, times: 1 });
    await ext.current.request('orgcheck.start', {
      ...target,
      customerWaitSeconds: 60,
      observeSeconds: 3,
    });
    const { report } = await followCheck(() => ext.current.request('orgcheck.status', {}), {
      onPrompt: playCustomer(target.conversationId),
    });
    expect(report.failedSteps).toEqual([{ step: 'create', status: 503, code: expect.any(String) }]);
    const byId = new Map(report.findings.map((f) => [f.id as string, f]));
    // What needed the first offer is not observed, with the reason; the rest is observed.
    for (const id of [
      'conflictOnPendingSession',
      'offerTtlSeconds',
      'viewerWithSession',
      'deploymentIdPlace',
    ])
      expect(byId.get(id)).toMatchObject({ reason: 'request_failed' });
    expect(byId.get('redeliverOfferOnJoin')?.value).toBe(false);
    expect(byId.get('issueRefreshTokens')?.value).toBe(false);
    expect(
      s
        .sessions()
        .filter(
          (x) => x.userId === SEED.users.agent && (x.state === 'offered' || x.state === 'active'),
        ),
    ).toEqual([]);
  });

  it('Stop while it waits for the customer: the check ends its sessions and reports the rest as stopped', async () => {
    const target = await underProfile('default');
    const s = sandbox.current;
    await options.reload();
    await startInOptions(ext.current, options, target);
    const { report } = await followCheck(() => checkStatus(options), {
      // The admin stops instead of acting in the Messenger.
      onPrompt: async () => {
        await options.getByRole('button', { name: ext.current.message('orgcheck_stop') }).click();
      },
    });
    const byId = new Map(report.findings.map((f) => [f.id as string, f]));
    expect(byId.get('conflictOnPendingSession')?.value).toBe(true);
    expect(byId.get('redeliverOfferOnJoin')).toMatchObject({ reason: 'cancelled' });
    expect(byId.get('voiceSignal')).toMatchObject({ reason: 'cancelled' });
    expect(report.touched.some((l) => l.startsWith('web messaging session 1: ended'))).toBe(true);
    expect(
      s
        .sessions()
        .filter(
          (x) => x.userId === SEED.users.agent && (x.state === 'offered' || x.state === 'active'),
        ),
    ).toEqual([]);
    // No step ran after the stop: the voice conversation got no POST (the messaging one did).
    const posts = (id: string) =>
      s
        .requests({ method: 'POST', route: '/api/v2/conversations/{conversationId}/cobrowse' })
        .filter((r) => r.path.includes(id));
    expect(posts(target.conversationId).length).toBeGreaterThan(0);
    expect(posts(target.voiceConversationId)).toEqual([]);
  });

  it('logged no errors', () => {
    ext.current.expectNoErrors();
  });
});
