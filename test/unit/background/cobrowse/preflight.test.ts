import { describe, expect, it } from 'vitest';
import { preflight } from '../../../../src/background/cobrowse/preflight';

const FULL = ['conversations', 'notifications', 'user-basic-info'];

describe('preflight', () => {
  it('passes with the scope and the permission for the media', () => {
    expect(
      preflight({ media: 'message', scopes: FULL, permissions: ['conversation:cobrowse:add'] }),
    ).toEqual({ ok: true });
    expect(
      preflight({ media: 'call', scopes: FULL, permissions: ['conversation:cobrowsevoice:add'] }),
    ).toEqual({ ok: true });
  });

  it('honours wildcards and either spelling', () => {
    expect(preflight({ media: 'call', scopes: FULL, permissions: ['conversation:*:*'] }).ok).toBe(
      true,
    );
    expect(
      preflight({ media: 'call', scopes: FULL, permissions: ['Conversation:CobrowseVoice:Add'] })
        .ok,
    ).toBe(true);
  });

  it('refuses conversations:readonly and names the scope to add', () => {
    const r = preflight({
      media: 'message',
      scopes: ['conversations:readonly', 'notifications'],
      permissions: ['conversation:cobrowse:add'],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('preflight.missing.scope');
    expect(r.error.status).toBeUndefined();
    expect(r.error.admin).toContain('“conversations”');
    expect(r.error.message).toContain('conversations:readonly');
  });

  it('names the web messaging permission when only voice is granted', () => {
    const r = preflight({
      media: 'message',
      scopes: FULL,
      permissions: ['conversation:cobrowseVoice:add'],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('preflight.missing.permission');
    expect(r.error.admin).toContain('Conversation > Cobrowse > Add');
    expect(r.error.admin).toContain('conversation:cobrowse:add');
    expect(r.error.admin).toMatch(/Digital add-on/);
  });

  it('names the voice permission for a call', () => {
    const r = preflight({
      media: 'call',
      scopes: FULL,
      permissions: ['conversation:cobrowse:add'],
    });
    expect(!r.ok && r.error.admin).toContain('conversation:cobrowseVoice:add');
  });

  it('checks the scope before the permission', () => {
    const r = preflight({ media: 'call', scopes: ['user-basic-info'], permissions: [] });
    expect(!r.ok && r.error.code).toBe('preflight.missing.scope');
  });

  it('does not block on what it does not know', () => {
    expect(preflight({ media: 'message' })).toEqual({ ok: true });
    expect(preflight({ media: 'message', scopes: [], permissions: undefined })).toEqual({
      ok: true,
    });
  });

  it.each(['chat', 'email', 'other'] as const)('refuses %s media with its reason', (media) => {
    const r = preflight({ media, scopes: FULL, permissions: ['*:*:*'] });
    expect(!r.ok && r.error.code).toBe('media.not.supported');
  });

  it('leaves scopes and roles to the company gateway', () => {
    expect(
      preflight({ media: 'message', profile: 'gateway', scopes: ['x'], permissions: [] }),
    ).toEqual({ ok: true });
    expect(preflight({ media: 'email', profile: 'gateway' }).ok).toBe(false);
  });
});
