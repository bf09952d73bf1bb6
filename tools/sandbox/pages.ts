// HTML for people: the login page, the control page (/sandbox/) and an imitation in-house agent
// tool (/sandbox/agent-tool). Every value is escaped; customer names include HTML on purpose.
import { escapeHtml as e } from './http';
import type { AuthorizeParams } from './oauth';
import type { SandboxConversation, SandboxOrg } from './org';
import type { SeedClient } from './seed';
import { SEED } from './seed';

const MEDIA_LABEL: Record<SandboxConversation['media'], string> = {
  message: 'Web messaging',
  call: 'Voice',
  chat: 'Web chat (legacy)',
  email: 'Email',
};

const STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #f6f7f9; }
  main { max-width: 960px; margin: 0 auto; padding: 24px; }
  h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; }
  article, fieldset, table { background: #fff; border: 1px solid #d0d4da; border-radius: 8px; }
  article { padding: 12px 16px; margin: 12px 0; }
  fieldset { padding: 12px 16px; margin: 16px 0; }
  label { display: block; margin: 6px 0; }
  button { font: inherit; padding: 6px 14px; margin: 4px 6px 4px 0; border-radius: 6px; border: 1px solid #5b6470; background: #fff; cursor: pointer; }
  button.primary { background: #0b5bd3; border-color: #0b5bd3; color: #fff; }
  button:focus-visible, a:focus-visible, input:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
  .meta { color: #4a5360; font-size: .9rem; }
  code { font-size: 1.05rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid #e3e6ea; vertical-align: top; }
  [role=alert] { background: #fde8e8; border: 1px solid #c0392b; padding: 8px 12px; border-radius: 6px; }
  form.inline { display: inline; }
`;

function layout(title: string, body: string, script = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main>${script ? `<script>${script}</script>` : ''}</body></html>`;
}

export function invalidClientPage(): string {
  return layout(
    'Sign in — Genesys Cloud sandbox',
    `<h1>Sign in to Genesys Cloud</h1>
<p role="alert">OAuth client ID or redirect URI is invalid.</p>
<p class="meta">The client_id must be a registered OAuth client, and redirect_uri must match one of its
registered redirect URIs exactly.</p>`,
  );
}

export function loginPage(
  org: SandboxOrg,
  client: SeedClient,
  params: AuthorizeParams,
  error?: string,
): string {
  const hidden = Object.entries({
    client_id: params.clientId,
    redirect_uri: params.redirectUri,
    response_type: params.responseType,
    code_challenge: params.codeChallenge,
    code_challenge_method: params.codeChallengeMethod,
    ...(params.state !== undefined ? { state: params.state } : {}),
    ...(params.prompt ? { prompt: params.prompt } : {}),
  })
    .map(([k, v]) => `<input type="hidden" name="${e(k)}" value="${e(v)}">`)
    .join('\n');
  const users = [...org.users.values()]
    .map(
      (
        u,
        i,
      ) => `<label><input type="radio" name="userId" value="${e(u.id)}"${i === 0 ? ' checked' : ''}
  aria-describedby="user-${i}"> ${e(u.name)}</label>
<p class="meta" id="user-${i}">${e(u.title)} · ${e(u.email)}</p>`,
    )
    .join('\n');
  return layout(
    'Sign in — Genesys Cloud sandbox',
    `<h1>Sign in to Genesys Cloud</h1>
<p>Organization <strong>${e(SEED.org.name)}</strong> (sandbox). <strong>${e(client.name)}</strong>
wants to use your account with the scopes: ${client.scopes.map((s) => `<code>${e(s)}</code>`).join(', ')}.</p>
${error ? `<p role="alert">${e(error)}</p>` : ''}
<form method="post" action="/oauth/authorize">
${hidden}
<fieldset><legend>Sign in as</legend>
${users}
</fieldset>
<button class="primary" type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
  );
}

function actionButtons(conv: SandboxConversation): string {
  const button = (action: string, label: string) =>
    `<button type="submit" name="action" value="${action}">${e(label)}</button>`;
  if (conv.state !== 'connected') return '<p class="meta">Conversation ended.</p>';
  const buttons =
    conv.media === 'message'
      ? [
          button('accept', 'Accept offer'),
          button('decline', 'Decline offer'),
          conv.customerOnline
            ? button('go-offline', 'Close Messenger (go offline)')
            : button('go-online', 'Open Messenger (go online)'),
          button('end-session', 'End cobrowse'),
          button('end', 'End conversation'),
        ]
      : conv.media === 'call'
        ? [
            button('accept', 'Enter join code (accept)'),
            button('end-session', 'End cobrowse'),
            button('end', 'End conversation'),
          ]
        : [button('end', 'End conversation')];
  return `<form method="post" action="/sandbox/conversations/${e(conv.id)}/customer">${buttons.join('\n')}</form>`;
}

export function peoplePage(org: SandboxOrg, note?: string): string {
  const sessions = [...org.sessions.values()];
  const sections = [...org.users.values()]
    .map((user) => {
      const convs = [...org.conversations.values()].filter((c) => c.userId === user.id);
      const articles = convs
        .map((c) => {
          const s = sessions.filter((x) => x.conversationId === c.id).at(-1);
          const presence =
            c.media === 'message'
              ? c.customerOnline
                ? 'Messenger online'
                : 'Messenger offline'
              : '';
          const session = s
            ? `<p>Cobrowse: <strong>${e(s.state)}</strong>${s.delivered ? '' : c.media === 'message' ? ' (offer not delivered)' : ''}
 · join code <code>${e(s.joinCode)}</code> · offer ends ${e(s.dateOfferEnds)}</p>`
            : '<p class="meta">No cobrowse session.</p>';
          return `<article aria-labelledby="c-${e(c.id)}" data-conversation-id="${e(c.id)}">
<h3 id="c-${e(c.id)}">${e(c.customerName)}</h3>
<p class="meta">${e(MEDIA_LABEL[c.media])} · ${e(c.queue.name)} · ${e(c.state)}${presence ? ` · ${e(presence)}` : ''}<br>
Conversation ID: <code>${e(c.id)}</code></p>
${session}
${actionButtons(c)}
</article>`;
        })
        .join('\n');
      return `<section aria-labelledby="u-${e(user.id)}"><h2 id="u-${e(user.id)}">${e(user.name)}</h2>
<p class="meta">${e(user.permissions.filter((p) => p.includes('cobrowse')).join(', ') || 'no cobrowse permission')}</p>
${articles}</section>`;
    })
    .join('\n');
  const script = `let v=${org.version};setInterval(async()=>{try{const r=await fetch('/sandbox/version');const j=await r.json();if(j.version!==v&&!document.activeElement?.closest('form'))location.replace('/sandbox/')}catch{}},1000);`;
  return layout(
    'Genesys Cloud sandbox',
    `<h1>Genesys Cloud sandbox — ${e(SEED.org.name)}</h1>
<p>Play the customer for each conversation. JSON control surface: <code>/sandbox/state</code>,
<code>/sandbox/settings</code>, <code>/sandbox/faults</code>. In-house tool imitation:
<a href="/sandbox/agent-tool">agent tool</a>.</p>
${note ? `<p role="alert">${e(note)}</p>` : ''}
<form method="post" action="/sandbox/reset" class="inline"><button type="submit">Reset sandbox</button></form>
<form method="post" action="/sandbox/conversations">
<fieldset><legend>New conversation</legend>
<label>Media <select name="media">${Object.entries(MEDIA_LABEL)
      .map(([value, label]) => `<option value="${e(value)}">${e(label)}</option>`)
      .join('')}</select></label>
<label>Agent <select name="userId">${[...org.users.values()]
      .map((u) => `<option value="${e(u.id)}">${e(u.name)}</option>`)
      .join('')}</select></label>
<label>Customer name <input name="customerName" value="Sam Customer"></label>
<label><input type="checkbox" name="customerOnline" checked> Messenger online</label>
<button type="submit">Add conversation</button>
</fieldset></form>
${sections}`,
    script,
  );
}

function genesysLink(id: string): string {
  return `https://apps.mypurecloud.com/directory/#/engage/admin/interactions/${id}`;
}

export function agentToolPage(org: SandboxOrg, userId: string, only?: string): string {
  const user = org.users.get(userId) ?? org.users.get(SEED.users.agent);
  const convs = [...org.conversations.values()].filter(
    (c) => c.userId === user?.id && c.state === 'connected' && (!only || c.id === only),
  );
  if (only) {
    const c = convs[0];
    return layout(
      'Acme Support Desk — case',
      c
        ? `<h1>Acme Support Desk</h1>
<article aria-labelledby="case" data-conversation-id="${e(c.id)}">
<h2 id="case">Case for ${e(c.customerName)}</h2>
<p>Channel: ${e(MEDIA_LABEL[c.media])} · Queue: ${e(c.queue.name)}</p>
<p>Conversation ID: ${e(c.id)}</p>
<p><a href="${e(genesysLink(c.id))}">Open in Genesys Cloud</a></p>
<p><a href="/sandbox/agent-tool?user=${e(c.userId)}">Back to my interactions</a></p>
</article>`
        : '<h1>Acme Support Desk</h1><p>This conversation has ended.</p>',
    );
  }
  const rows = convs
    .map(
      (c) => `<tr data-conversation-id="${e(c.id)}">
<td><a href="/sandbox/agent-tool/${e(c.id)}">${e(c.customerName)}</a></td>
<td>${e(MEDIA_LABEL[c.media])}</td>
<td>${e(c.queue.name)}</td>
<td>Conversation ID: ${e(c.id)}<br><a href="${e(genesysLink(c.id))}">Open in Genesys Cloud</a></td>
</tr>`,
    )
    .join('\n');
  return layout(
    'Acme Support Desk',
    `<h1>Acme Support Desk</h1>
<p>Signed in as ${e(user?.name)}</p>
<table><caption>My open interactions</caption>
<thead><tr><th scope="col">Customer</th><th scope="col">Channel</th><th scope="col">Queue</th><th scope="col">Genesys Cloud</th></tr></thead>
<tbody>${rows}</tbody></table>`,
  );
}
