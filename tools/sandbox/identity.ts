// Who the token is: /api/v2/tokens/me (and sign-out), /api/v2/users/me.
import { requireScope, tokenOf, userOf } from './access';
import type { Route } from './http';
import type { SandboxOrg } from './org';
import { tokenInfoBody, userMeBody } from './shapes';

export function identityRoutes(org: SandboxOrg): Route[] {
  return [
    {
      method: 'GET',
      template: '/api/v2/tokens/me',
      kind: 'api',
      auth: true,
      handler: (ctx) => ({ json: tokenInfoBody(org, tokenOf(ctx)) }),
    },
    {
      method: 'DELETE',
      template: '/api/v2/tokens/me',
      kind: 'api',
      auth: true,
      handler: (ctx) => {
        org.revokeTokens(tokenOf(ctx).token);
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      template: '/api/v2/users/me',
      kind: 'api',
      auth: true,
      handler: (ctx) => {
        const token = requireScope(ctx, 'user-basic-info', 'users', 'users:readonly');
        const expand = ctx.url.searchParams
          .getAll('expand')
          .flatMap((e) => e.split(','))
          .map((e) => e.trim());
        return { json: userMeBody(userOf(org, token), expand) };
      },
    },
  ];
}
