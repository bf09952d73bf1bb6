// The five languages in Firefox. Debian's firefox-esr ships en-US only; each other locale is made
// Firefox's app locale before the add-on starts (useLocaleOf, firefox-parent.ts), as a langpack
// would. Then the add-on's own words (i18n), its options page and its panel on the page (started
// by the real shortcut under Xvfb) are in that language. And the build has every key in each.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byRole, firefoxPanel } from '../../../tools/browser/firefox-panel';
import { xdotoolChord } from '../../../tools/browser/realinput';
import { SEED, useFirefox, useFirefoxSandbox } from './harness';

const LOCALES = ['en', 'de', 'es', 'fr', 'ja'] as const;
const DIST = process.env.E2E_FIREFOX_DIST ?? 'dist-firefox-test';
const messagesOf = (locale: string) =>
  JSON.parse(readFileSync(join(DIST, `_locales/${locale}/messages.json`), 'utf8')) as Record<
    string,
    { message: string }
  >;

describe('Firefox: the built _locales', () => {
  it('every locale has every key of the default locale, none empty', () => {
    const keys = Object.keys(messagesOf('en'));
    expect(keys.length).toBeGreaterThan(100);
    for (const locale of LOCALES) {
      const messages = messagesOf(locale);
      expect(Object.keys(messages).sort(), locale).toEqual([...keys].sort());
      const empty = keys.filter((k) => !messages[k]?.message.trim());
      expect(empty, locale).toEqual([]);
    }
  });
});

describe.each(LOCALES.filter((l) => l !== 'en'))('Firefox in %s', (locale) => {
  const ff = useFirefox({ locale, headful: true });
  const sandbox = useFirefoxSandbox(ff);
  const m = (key: string) => ff.current.message(key);

  it('the add-on runs in it: its UI language and its messages', async () => {
    const seen = await ff.current.evalInExtension(() => {
      const i18n = (
        globalThis as unknown as {
          browser: { i18n: { getUILanguage(): string; getMessage(k: string): string } };
        }
      ).browser.i18n;
      return { ui: i18n.getUILanguage(), signIn: i18n.getMessage('popup_sign_in') };
    });
    expect(seen.ui).toBe(locale);
    // Control: the words differ from English's, so a fallback to English would show.
    expect(m('popup_sign_in')).not.toBe(messagesOf('en').popup_sign_in?.message);
    expect(seen.signIn).toBe(m('popup_sign_in'));
  });

  it('the options page is in it', async () => {
    const options = await ff.current.openOptions();
    await options.waitForSelector(byRole('heading', m('options_title')));
    await options.waitForSelector(byRole('button', m('options_test_connection')));
    await options.close();
  });

  it('the panel on the page is in it: its status line and End', async () => {
    const session = ff.current;
    const s = sandbox.current;
    s.settings({ autoApprove: true });
    expect((await session.request('auth.signIn', {})).signedIn).toBe(true);
    const id = SEED.conversations.agent.messagingOnline;
    const url = `${s.url}/sandbox/agent-tool/${id}`;
    const page = await session.openWebPage(url);
    // The real shortcut: its activeTab grant is what lets the panel onto the sandbox's page.
    const key = session.manifest.commands?.['start-cobrowse']?.suggested_key?.default ?? '';
    await session.pressKeys(page, xdotoolChord(key));
    const panel = await firefoxPanel(page, session);
    await expect.poll(() => panel.status(), { timeout: 20_000 }).toBe(m('ov_status_offered'));
    await panel.control('button', m('ov_end'));
    await session.request('cobrowse.end', { conversationId: id });
    await expect.poll(() => panel.status(), { timeout: 20_000 }).toBe(m('ov_status_ended'));
    await page.close();
  });
});
