// npm run org-check, run once against the sandbox: it configures the built extension, runs the
// check through the options page, prints the redirect URI the admin registers, and writes
// report.md and report.json stating the sandbox's values. (Headless: the sandbox signs in
// without a person; an admin runs it headful and signs in through the Genesys window.)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionIdOfKey, runOrgCheckCli } from '../../scripts/org-check/cli';
import type { CheckPrompt } from '../../src/shared/org-check';
import { freshConversation } from '../../tools/browser/cobrowse';
import { type Sandbox, SEED, startSandbox } from '../../tools/sandbox/index';

describe('npm run org-check', () => {
  let sandbox: Sandbox;
  const out = mkdtempSync(join(tmpdir(), 'org-check-out-'));
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, settings: { autoApprove: true } });
  });
  afterAll(async () => {
    await sandbox.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('writes report.md and report.json with the sandbox values and prints the redirect URI', async () => {
    const conversationId = freshConversation(sandbox, { customerName: 'Riley Cli' });
    const voice = freshConversation(sandbox, { media: 'call' });
    const lines: string[] = [];
    const action: Record<CheckPrompt, 'decline' | 'go-offline' | 'go-online'> = {
      answer_offer: 'decline',
      close_messenger: 'go-offline',
      open_messenger: 'go-online',
    };
    const { redirectUri } = await runOrgCheckCli(
      [
        '--base-url',
        sandbox.url,
        '--client-id',
        SEED.clients.pkce,
        '--conversation',
        conversationId,
        '--voice-conversation',
        voice,
        '--out',
        out,
        '--dist',
        'dist-test',
        '--skip-build',
        '--headless',
      ],
      {
        say: (line) => lines.push(line),
        onPrompt: (prompt) => {
          sandbox.customer(conversationId, action[prompt]);
        },
      },
    );
    // The id comes from the build's key; it is the one the sandbox has registered.
    const key = JSON.parse(readFileSync('test/e2e/test-key.json', 'utf8')).key as string;
    expect(redirectUri).toBe(`https://${extensionIdOfKey(key)}.chromiumapp.org/`);
    expect(redirectUri).toBe('https://mhkcpiimjjiknhfnleoiaemkalacaobo.chromiumapp.org/');
    expect(lines.some((l) => l.includes(redirectUri))).toBe(true);

    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    const values = Object.fromEntries(
      (report.findings as { id: string; value?: unknown }[]).map((f) => [f.id, f.value]),
    );
    const s = sandbox.settings();
    expect(values).toMatchObject({
      conflictOnPendingSession: s.conflictOnPendingSession,
      coBrowseEventParticipant: s.coBrowseEventParticipant,
      redeliverOfferOnJoin: s.redeliverOfferOnJoin,
      issueRefreshTokens: s.issueRefreshTokens,
      voiceSignal: s.voiceSignal,
      legacyCobrowseTopic: s.legacyCobrowseTopic,
      viewerWithSession: s.viewerWithSession,
    });
    const markdown = readFileSync(join(out, 'report.md'), 'utf8');
    expect(markdown).toContain('# Org check report');
    expect(markdown).toContain('(`conflictOnPendingSession`) | Yes |');
    expect(markdown).not.toContain('Riley');
  });
});
