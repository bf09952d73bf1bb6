// npm run org-check: the org check run through the extension's own options page, in Debian
// Chromium with the extension built in mode org-check (the fixed key: a stable id, hence a stable
// redirect URI; the release clocks, since it talks to a real org).
// The admin signs in through the real browser flow (headful), acts in the test Messenger when
// asked, and gets report.md and report.json in --out.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CheckPrompt, OrgCheckReport } from '../../src/shared/org-check';
import { launchExtension } from '../../tools/browser/browser';
import { checkStatus, followCheck, startInOptions } from '../../tools/browser/org-check';
import { buildTestExtension } from '../demo/environment';

export const USAGE = `Usage: npm run org-check -- --region mypurecloud.ie --client-id <id> --conversation <id>
         [--voice-conversation <id>] [--base-url <url>] [--out org-check-out] [--dist dist-org-check]
         [--skip-build] [--headless]

  --region       your Genesys Cloud region (a domain), or --base-url for a proxy or the sandbox
  --client-id    the OAuth client (Code authorization with PKCE) to sign in with
  --conversation a web messaging conversation you handle, with the customer's Messenger open
  --voice-conversation  optional: a voice conversation you handle
  --out          where report.md and report.json go
  --headless     no window (only where sign-in needs no person, e.g. the sandbox)`;

/** The id Chrome gives an unpacked extension with this manifest key: sha256 of the key, a–p. */
export function extensionIdOfKey(key: string): string {
  const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + Number.parseInt(c, 16))).join('');
}

export interface CliHooks {
  say?: (line: string) => void;
  /** The admin's action in the test Messenger (the CLI only prints it; tests act). */
  onPrompt?: (prompt: CheckPrompt, text: string) => void | Promise<void>;
}

export async function runOrgCheckCli(
  argv: string[],
  hooks: CliHooks = {},
): Promise<{ report: OrgCheckReport; out: string; redirectUri: string }> {
  const say = hooks.say ?? ((line: string) => console.log(`org-check › ${line}`));
  const { values } = parseArgs({
    args: argv,
    options: {
      region: { type: 'string' },
      'base-url': { type: 'string' },
      'client-id': { type: 'string' },
      conversation: { type: 'string' },
      'voice-conversation': { type: 'string' },
      out: { type: 'string', default: 'org-check-out' },
      dist: { type: 'string', default: 'dist-org-check' },
      'skip-build': { type: 'boolean', default: false },
      headless: { type: 'boolean', default: false },
    },
  });
  const clientId = values['client-id'];
  const conversationId = values.conversation;
  if (!clientId || !conversationId || !values.region === !values['base-url'])
    throw new Error(USAGE);
  const environment = values['base-url']
    ? { kind: 'custom' as const, baseUrl: values['base-url'] }
    : { kind: 'region' as const, domain: values.region as string };

  const dist = resolve(values.dist);
  if (!values['skip-build'] || !existsSync(join(dist, 'manifest.json'))) {
    say(`building the extension into ${dist}`);
    await buildTestExtension(dist, 'build:org-check');
  }
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as {
    key?: string;
  };
  if (!manifest.key)
    throw new Error(`${dist} has no manifest key: build it with npm run build:org-check`);
  const redirectUri = `https://${extensionIdOfKey(manifest.key)}.chromiumapp.org/`;
  say(`register this redirect URI on the OAuth client first: ${redirectUri}`);

  if (!values.headless && !process.env.DISPLAY)
    say(
      'no DISPLAY: Chromium runs on a private X server nobody sees; sign-in needs you, so set DISPLAY',
    );
  const session = await launchExtension({
    dist,
    headful: !values.headless,
    ...(process.env.DISPLAY ? { display: process.env.DISPLAY } : {}),
  });
  try {
    await session.request('settings.save', { environment, clientId });
    const options = await session.openOptions();
    const voice = values['voice-conversation'];
    say('starting the check from the options page (sign in when the Genesys window asks)');
    await startInOptions(session, options, {
      conversationId,
      ...(voice ? { voiceConversationId: voice } : {}),
    });
    const { report, markdown } = await followCheck(() => checkStatus(options), {
      onStep: say,
      onPrompt: async (prompt, text) => {
        say(`ACT NOW: ${text}`);
        await hooks.onPrompt?.(prompt, text);
      },
    });
    const out = resolve(values.out);
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'report.md'), markdown);
    writeFileSync(join(out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    say(`report written: ${join(out, 'report.md')} and report.json`);
    return { report, out, redirectUri };
  } finally {
    await session.close();
  }
}
