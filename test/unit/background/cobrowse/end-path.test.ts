// The guest route of a session, read from the create answer's selfUri (a server answer): only a
// route of two plain ids, never one a URL parser would turn into another path of the API host.
import { describe, expect, it } from 'vitest';
import { endPathOf } from '../../../../src/background/cobrowse/end';

const route = '/api/v2/webdeployments/deployments/d-1/cobrowse/5f2a-77';

describe('endPathOf', () => {
  it('takes the guest route from a selfUri, absolute or relative, with or without a query', () => {
    expect(endPathOf({ selfUri: route })).toBe(route);
    expect(endPathOf({ selfUri: `https://api.mypurecloud.com${route}?x=1` })).toBe(route);
  });

  it('refuses ids that would resolve to another path (backslashes, dots, escapes)', () => {
    expect(endPathOf({ selfUri: `${route}\\..\\..\\..\\v2\\users\\me` })).toBeUndefined();
    expect(endPathOf({ selfUri: `${route}/../../../users/me` })).toBeUndefined();
    expect(
      endPathOf({ selfUri: '/api/v2/webdeployments/deployments/%2e%2e/cobrowse/x' }),
    ).toBeUndefined();
    expect(endPathOf({ selfUri: undefined })).toBeUndefined();
  });
});
