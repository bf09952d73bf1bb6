import { describe, expect, it } from 'vitest';
import { buildReport, COBROWSE_LICENCE, testConnection } from '../../../src/background/connection';
import { GenesysError, type TokenInfo, type UserMe } from '../../../src/background/genesys';

const tokenInfo = (scopes: string[]): TokenInfo => ({
  organization: { id: 'org-1', name: 'Acme' },
  authorizedScope: scopes,
  OAuthClient: { id: 'client-1', name: 'Cobrowse Launcher' },
});
const me = (permissions: string[]): UserMe => ({
  id: 'user-1',
  name: 'Ada Agent',
  version: 1,
  authorization: { permissions },
});
const FULL = ['conversations', 'notifications', 'user-basic-info'];

describe('Test connection report', () => {
  it('reports a full agent with nothing missing', () => {
    const report = buildReport(
      tokenInfo(FULL),
      me(['conversation:cobrowse:add', 'conversation:cobrowseVoice:add']),
    );
    expect(report).toEqual({
      org: { id: 'org-1', name: 'Acme' },
      user: { id: 'user-1', name: 'Ada Agent' },
      client: { id: 'client-1', name: 'Cobrowse Launcher' },
      scopes: ['conversations', 'notifications', 'user-basic-info'],
      cobrowse: { message: true, call: true },
      gaps: [],
    });
  });

  it('names each missing cobrowse permission with its role-editor label, plus the licence note', () => {
    const report = buildReport(tokenInfo(FULL), me(['conversation:communication:view']));
    expect(report.cobrowse).toEqual({ message: false, call: false });
    expect(report.gaps.map((g) => [g.kind, g.name])).toEqual([
      ['permission', 'conversation:cobrowse:add'],
      ['permission', 'conversation:cobrowseVoice:add'],
      ['licence', COBROWSE_LICENCE],
    ]);
    expect(report.gaps[0]?.fix).toContain('Conversation > Cobrowse > Add');
    expect(report.gaps[1]?.fix).toContain('Conversation > CobrowseVoice > Add');
    expect(report.gaps[2]?.explanation).toContain('CX 2, CX 3 or the Digital add-on');
  });

  it('accepts wildcard and differently-cased permissions', () => {
    const report = buildReport(
      tokenInfo(FULL),
      me(['CONVERSATION:cobrowsevoice:ADD', 'conversation:cobrowse:*']),
    );
    expect(report.cobrowse).toEqual({ message: true, call: true });
    expect(report.gaps).toEqual([]);
  });

  it('reports one missing permission without the licence note', () => {
    const report = buildReport(tokenInfo(FULL), me(['conversation:cobrowse:add']));
    expect(report.cobrowse).toEqual({ message: true, call: false });
    expect(report.gaps.map((g) => g.name)).toEqual(['conversation:cobrowseVoice:add']);
  });

  it('says conversations:readonly is not enough and names the OAuth client to change', () => {
    const report = buildReport(
      tokenInfo(['conversations:readonly', 'notifications', 'user-basic-info']),
      me(['conversation:cobrowse:add', 'conversation:cobrowseVoice:add']),
    );
    expect(report.gaps).toHaveLength(1);
    const [gap] = report.gaps;
    if (!gap) throw new Error('no gap');
    expect(gap).toMatchObject({ kind: 'scope', name: 'conversations' });
    expect(gap.explanation).toContain('“conversations:readonly”, which is not enough');
    expect(gap.fix).toContain(
      'add the scope “conversations” to the OAuth client “Cobrowse Launcher”',
    );
  });

  it('still reports the scopes when users/me is refused for lack of user-basic-info', async () => {
    const report = await testConnection({
      getTokenInfo: async () => tokenInfo(['conversations']),
      getMe: async () => {
        throw new GenesysError({
          status: 403,
          code: 'app.not.authorized.for.scope',
          message: 'App not authorized to use scope user-basic-info',
        });
      },
    });
    expect(report.permissionsUnknown).toBe(true);
    expect(report.gaps.map((g) => g.name)).toEqual(['notifications', 'user-basic-info']);
  });

  it('fails as a whole on other errors (explained by the caller)', async () => {
    const failing = testConnection({
      getTokenInfo: async () => tokenInfo(FULL),
      getMe: async () => {
        throw new GenesysError({ code: 'network', message: 'down' });
      },
    });
    await expect(failing).rejects.toMatchObject({ code: 'network' });
  });
});
