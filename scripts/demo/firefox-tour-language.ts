// Firefox tour, the agent's language: a second Firefox whose app locale is Japanese (set before
// the add-on starts, as a langpack would; Debian's firefox-esr ships en-US only), showing the
// options page in Japanese. The add-on follows the browser's language; it has no setting of its own.

import { launchFirefox } from '../../tools/browser/firefox';
import { byRole } from '../../tools/browser/firefox-panel';
import type { FirefoxTourKit } from './firefox-kit';

export async function languageStep(kit: FirefoxTourKit, executable: string): Promise<boolean> {
  const { session, step } = kit;
  return step(
    'The browser in Japanese: the add-on in Japanese',
    'Started a second Firefox whose language is Japanese, with the same build; opened the options page.',
    async (t) => {
      const ja = await launchFirefox({ dist: session.dist, executable, locale: 'ja' });
      try {
        const options = await ja.openOptions();
        await options.waitForSelector(byRole('heading', ja.message('options_title')));
        await options.waitForSelector(byRole('button', ja.message('options_test_connection')));
        t.check(
          ja.message('options_title') !== session.message('options_title'),
          'the Japanese title is the English one',
        );
        t.see(
          `heading "${ja.message('options_title')}", button "${ja.message('options_test_connection')}"`,
        );
        await t.shot(options, 'options-in-japanese');
      } finally {
        await ja.close();
      }
    },
  );
}
