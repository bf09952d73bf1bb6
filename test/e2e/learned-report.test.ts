// What the extension learns at run time instead of assuming, as Test connection's report on the
// options page says it, under whichever sandbox profile runs (SANDBOX_PROFILE): whether the
// sign-in came with a refresh token (issueRefreshTokens), which participant carried each
// CoBrowse event (coBrowseEventParticipant), and where the web deployment id was found
// (deploymentIdPlace). Each expectation is read from the profile's value.
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LEARNED_KEY } from '../../src/background/learned';
import { useAgentSuite } from './harness/suite';

describe('Test connection reports what was learned from the org', () => {
  const suite = useAgentSuite();
  const { ext, sandbox, m } = suite;

  async function learnedPart(): Promise<{ part: Locator; close: () => Promise<void> }> {
    const options = await ext.current.openOptions();
    await options.getByRole('button', { name: m('options_test_connection') }).click();
    const report = options.getByRole('region', { name: m('options_report_heading') });
    const part = report.getByRole('region', { name: m('options_learned_heading') });
    await part.waitFor();
    return { part, close: () => options.close() };
  }

  /** The participant word the report uses for a side of the conversation. */
  const word = (side: 'agent' | 'customer') => m(`options_learned_carrier_${side}`);

  it('before any session: the refresh token as the sign-in showed it; events and deployment not seen yet', async () => {
    const { part, close } = await learnedPart();
    const text = (await part.textContent()) ?? '';
    const issued = sandbox.current.settings().issueRefreshTokens;
    expect(text).toContain(
      m(issued ? 'options_learned_refresh_yes' : 'options_learned_refresh_no'),
    );
    expect(text).not.toContain(
      m(issued ? 'options_learned_refresh_no' : 'options_learned_refresh_yes'),
    );
    expect(await part.getByText(m('options_learned_unseen')).count()).toBe(2);
    await close();
    // Kept where the token is: storage.session (trusted contexts only), never local or sync.
    const session = ext.current;
    expect(Object.keys(await session.sessionStorage())).toContain(LEARNED_KEY);
    const persisted = await session.evalInWorker(async () =>
      JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.sync.get(null)]),
    );
    expect(persisted).not.toContain(LEARNED_KEY);
  });

  it('after an accepted and ended session: who carried each event, and where the deployment id was', async () => {
    const { id, page } = await suite.start({ customerName: 'Learned Facts' });
    const { overlay } = await suite.expectOverlayShowsSandboxSession(page, id);
    await expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m('ov_status_offered'));
    sandbox.current.customer(id, 'accept');
    await expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m('ov_status_active'));
    await overlay.button(m('ov_end')).click();
    await expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m('ov_status_ended'));

    const settings = sandbox.current.settings();
    const carrier = (subType: 'Offering' | 'OfferingAccepted') => {
      const where = settings.coBrowseEventParticipant;
      if (where !== 'split') return word(where);
      return subType === 'Offering' ? word('agent') : word('customer');
    };
    const { part, close } = await learnedPart();
    const events = part.getByRole('list', { name: m('options_learned_events') });
    expect(await events.getByRole('listitem').allTextContents()).toEqual([
      `Offering: ${carrier('Offering')}`,
      `OfferingAccepted: ${carrier('OfferingAccepted')}`,
    ]);
    const places = part.getByRole('list', { name: m('options_learned_deployment') });
    const place =
      settings.deploymentIdPlace === 'selfUri'
        ? 'options_learned_place_selfuri'
        : 'options_learned_place_channel';
    expect(await places.getByRole('listitem').allTextContents()).toEqual([
      `${m('ov_media_message')}: ${m(place)}`,
    ]);
    await close();
  });

  it('logged no errors', () => {
    ext.current.expectNoErrors();
  });
});
