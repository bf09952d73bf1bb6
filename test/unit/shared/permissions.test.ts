import { describe, expect, it } from 'vitest';
import {
  cobrowsePermissions,
  hasPermission,
  hasScope,
  permissionCovers,
} from '../../../src/shared/permissions';

describe('permission matching', () => {
  it('matches exactly, case-insensitively', () => {
    expect(
      permissionCovers('conversation:cobrowsevoice:add', 'conversation:cobrowseVoice:add'),
    ).toBe(true);
    expect(permissionCovers('Conversation:Cobrowse:Add', 'conversation:cobrowse:add')).toBe(true);
    expect(permissionCovers('conversation:cobrowse:view', 'conversation:cobrowse:add')).toBe(false);
  });

  it('treats * as a wildcard segment, in any position', () => {
    expect(permissionCovers('conversation:*:*', 'conversation:cobrowse:add')).toBe(true);
    expect(permissionCovers('conversation:cobrowse:*', 'conversation:cobrowse:add')).toBe(true);
    expect(permissionCovers('*:*:*', 'conversation:cobrowseVoice:add')).toBe(true);
    expect(permissionCovers('conversation:*:view', 'conversation:cobrowse:add')).toBe(false);
    expect(permissionCovers('routing:*:*', 'conversation:cobrowse:add')).toBe(false);
  });

  it('never matches a different number of segments or a prefix', () => {
    expect(permissionCovers('conversation:cobrowse', 'conversation:cobrowse:add')).toBe(false);
    expect(permissionCovers('conversation:*', 'conversation:cobrowse:add')).toBe(false);
    expect(permissionCovers('conversation:cobrowse:add:x', 'conversation:cobrowse:add')).toBe(
      false,
    );
  });

  it('reports each cobrowse permission separately', () => {
    expect(cobrowsePermissions(['conversation:cobrowse:add'])).toEqual({
      message: true,
      call: false,
    });
    expect(cobrowsePermissions(['CONVERSATION:COBROWSEVOICE:ADD'])).toEqual({
      message: false,
      call: true,
    });
    expect(cobrowsePermissions(['conversation:*:add'])).toEqual({ message: true, call: true });
    expect(cobrowsePermissions([])).toEqual({ message: false, call: false });
    expect(hasPermission(['directory:user:view'], 'conversation:cobrowse:add')).toBe(false);
  });
});

describe('scope matching', () => {
  it('a full scope covers its readonly form, never the reverse', () => {
    expect(hasScope(['conversations'], 'conversations')).toBe(true);
    expect(hasScope(['conversations'], 'conversations:readonly')).toBe(true);
    expect(hasScope(['conversations:readonly'], 'conversations')).toBe(false);
  });

  it('is case-insensitive and exact otherwise', () => {
    expect(hasScope(['Notifications'], 'notifications')).toBe(true);
    expect(hasScope(['user-basic-info'], 'users')).toBe(false);
    expect(hasScope([], 'notifications')).toBe(false);
  });
});
