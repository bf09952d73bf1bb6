// The demo agent's browser: Chromium with the demo's own build (dist-demo/) loaded (the e2e
// harness launches it), pointed at the sandbox with the extension's own settings.save, and signed
// in through the real launchWebAuthFlow window by clicking Allow on the sandbox's login page, as a
// person would.
import type { Page } from 'playwright-core';
import { pointExtensionAt } from '../../tools/browser/agent';
import type { ExtensionSession } from '../../tools/browser/browser';
import { type Sandbox, SEED } from '../../tools/sandbox/index';

export const DEMO_AGENT = 'Dana Whitfield';

/**
 * Configures the extension (custom base URL = the sandbox, the seeded PKCE client) and signs in
 * as `userName` from the popup's Sign in button. `beforeAllow` runs on the login page (e.g. a
 * screenshot for the report).
 */
export async function configureAndSignIn(
  session: ExtensionSession,
  sandbox: Sandbox,
  {
    userName = DEMO_AGENT,
    beforeAllow,
  }: { userName?: string; beforeAllow?: (login: Page) => Promise<void> } = {},
): Promise<Page> {
  await pointExtensionAt(session, sandbox.url, SEED.clients.pkce);
  const popup = await session.openPopup();
  const authWindow = session.context.waitForEvent('page', {
    predicate: (page) => page.url().startsWith(`${sandbox.url}/oauth/authorize`),
    timeout: 15_000,
  });
  await popup.getByRole('button', { name: session.message('popup_sign_in') }).click();
  const login = await authWindow;
  await login.getByRole('radio', { name: userName }).check();
  await beforeAllow?.(login);
  await login.getByRole('button', { name: 'Allow' }).click();
  await popup.getByText(userName, { exact: true }).waitFor({ timeout: 15_000 });
  return popup;
}

/** The harness sends messages from a quiet manifest.json tab; a person exploring need not see it. */
export async function closeHelperTabs(session: ExtensionSession): Promise<void> {
  for (const page of session.context.pages()) {
    if (page.url() === `${session.origin}/manifest.json`) await page.close();
  }
}
