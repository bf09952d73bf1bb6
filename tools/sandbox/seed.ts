// The seeded org: fixed ids (deterministic UUIDs) so e2e tests, the benchmark and the demo
// can import them, and realistic people — names in several scripts, one customer with HTML.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { firefoxRedirectUri, GECKO_ID } from '../../scripts/firefox-manifest';

/** A stable UUID (v5-shaped) derived from a name, so seeded ids never change between runs. */
export function seedUuid(name: string): string {
  const h = createHash('sha1').update(`genesys-sandbox:${name}`).digest('hex');
  const variant = ((Number.parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

export function newId(): string {
  return randomUUID();
}

// The test build's extension id is fixed by test/e2e/test-key.json; its redirect URI is what
// an admin would register on the OAuth client.
const testKey = JSON.parse(
  readFileSync(new URL('../../test/e2e/test-key.json', import.meta.url), 'utf8'),
) as { id: string };
export const TEST_EXTENSION_REDIRECT = `https://${testKey.id}.chromiumapp.org/`;
/** The Firefox build's redirect URI (its add-on id is fixed in the manifest it generates). */
export const FIREFOX_EXTENSION_REDIRECT = firefoxRedirectUri(GECKO_ID);
/** Both builds' redirect URIs, registered on each seeded client as an admin would. */
const EXTENSION_REDIRECTS = [TEST_EXTENSION_REDIRECT, FIREFOX_EXTENSION_REDIRECT];

export type Media = 'message' | 'call' | 'chat' | 'email';
/** The five conversations every seeded user starts with. */
export type SeedConversationKind =
  | 'messagingOnline'
  | 'messagingOffline'
  | 'voice'
  | 'webchat'
  | 'email';

const userKeys = ['agent', 'messagingOnly', 'noCobrowse'] as const;
export type SeedUserKey = (typeof userKeys)[number];

function conversationIds(user: SeedUserKey): Record<SeedConversationKind, string> {
  return {
    messagingOnline: seedUuid(`conversation:${user}:messaging-online`),
    messagingOffline: seedUuid(`conversation:${user}:messaging-offline`),
    voice: seedUuid(`conversation:${user}:voice`),
    webchat: seedUuid(`conversation:${user}:webchat`),
    email: seedUuid(`conversation:${user}:email`),
  };
}

export const SEED = {
  org: { id: seedUuid('org'), name: 'Sandbox Outfitters', thirdPartyOrgName: 'sandbox-outfitters' },
  division: { id: seedUuid('division:home'), name: 'Home' },
  /** Where every seeded web messaging conversation's Messenger is deployed (see README). */
  deploymentId: seedUuid('webdeployment:website'),
  clients: {
    /** PKCE client with conversations, notifications, user-basic-info. */
    pkce: seedUuid('client:pkce'),
    /** PKCE client lacking `conversations`. */
    noConversations: seedUuid('client:no-conversations'),
    /** A company gateway's client: also carries `cobrowse:session:create`. */
    gateway: seedUuid('client:gateway'),
  },
  redirectUri: TEST_EXTENSION_REDIRECT,
  users: {
    /** Both cobrowse permissions. */
    agent: seedUuid('user:agent'),
    /** Only conversation:cobrowse:add (voice fails). */
    messagingOnly: seedUuid('user:messaging-only'),
    /** No cobrowse permission. */
    noCobrowse: seedUuid('user:no-cobrowse'),
  },
  conversations: {
    agent: conversationIds('agent'),
    messagingOnly: conversationIds('messagingOnly'),
    noCobrowse: conversationIds('noCobrowse'),
  },
  queues: {
    support: { id: seedUuid('queue:support'), name: 'Customer Support' },
    billing: { id: seedUuid('queue:billing'), name: 'Billing & Payments' },
  },
} as const;

export interface SeedUser {
  id: string;
  name: string;
  email: string;
  title: string;
  department: string;
  permissions: string[];
}

const basePermissions = [
  'conversation:communication:view',
  'conversation:message:view',
  'conversation:call:view',
];

export const seedUsers: SeedUser[] = [
  {
    id: SEED.users.agent,
    name: 'Dana Whitfield',
    email: 'dana.whitfield@sandbox-outfitters.example',
    title: 'Senior Support Agent',
    department: 'Customer Care',
    permissions: [
      ...basePermissions,
      'conversation:cobrowse:add',
      'conversation:cobrowseVoice:add',
    ],
  },
  {
    id: SEED.users.messagingOnly,
    name: '山田 花子',
    email: 'hanako.yamada@sandbox-outfitters.example',
    title: 'Support Agent',
    department: 'Customer Care',
    permissions: [...basePermissions, 'conversation:cobrowse:add'],
  },
  {
    id: SEED.users.noCobrowse,
    name: 'Ελένη Παπαδοπούλου',
    email: 'eleni.papadopoulou@sandbox-outfitters.example',
    title: 'Support Agent (trainee)',
    department: 'Customer Care',
    permissions: [...basePermissions],
  },
];

export interface SeedClient {
  id: string;
  name: string;
  scopes: string[];
  redirectUris: string[];
}

export const seedClients: SeedClient[] = [
  {
    id: SEED.clients.pkce,
    name: 'Cobrowse Launcher',
    scopes: ['conversations', 'notifications', 'user-basic-info'],
    redirectUris: EXTENSION_REDIRECTS,
  },
  {
    id: SEED.clients.noConversations,
    name: 'Cobrowse Launcher (missing conversations scope)',
    scopes: ['notifications', 'user-basic-info'],
    redirectUris: EXTENSION_REDIRECTS,
  },
  {
    id: SEED.clients.gateway,
    name: 'Custom desktop gateway',
    scopes: ['conversations', 'notifications', 'user-basic-info', 'cobrowse:session:create'],
    redirectUris: EXTENSION_REDIRECTS,
  },
];

export interface SeedConversation {
  id: string;
  media: Media;
  userId: string;
  customerName: string;
  customerOnline: boolean;
  queue: { id: string; name: string };
}

// Customer names per user, per conversation kind: several scripts, and one that is HTML.
const customers: Record<SeedUserKey, Record<SeedConversationKind, string>> = {
  agent: {
    messagingOnline: 'محمد الأحمد',
    messagingOffline: 'Zoë Çelik',
    voice: 'Олег Петров',
    webchat: '<img src=x onerror=alert(1)>',
    email: 'José Núñez',
  },
  messagingOnly: {
    messagingOnline: 'Priya Raman',
    messagingOffline: '김민준',
    voice: 'Tomás Ó Briain',
    webchat: 'Fatima Zahra',
    email: 'Liam Walsh',
  },
  noCobrowse: {
    messagingOnline: 'Nguyễn Văn An',
    messagingOffline: 'Sven Öberg',
    voice: 'Aiyana Redcloud',
    webchat: 'שרה כהן',
    email: 'Chen Wei 陈伟',
  },
};

export function seedConversations(): SeedConversation[] {
  const list: SeedConversation[] = [];
  for (const key of userKeys) {
    const ids = SEED.conversations[key];
    const names = customers[key];
    const userId = SEED.users[key];
    const add = (kind: SeedConversationKind, media: Media, online: boolean, billing = false) =>
      list.push({
        id: ids[kind],
        media,
        userId,
        customerName: names[kind],
        customerOnline: online,
        queue: billing ? SEED.queues.billing : SEED.queues.support,
      });
    add('messagingOnline', 'message', true);
    add('messagingOffline', 'message', false);
    add('voice', 'call', false, true);
    add('webchat', 'chat', false);
    add('email', 'email', false, true);
  }
  return list;
}
