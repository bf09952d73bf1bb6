// What may leave the background as text (error messages, "Copy details", logs): never a
// credential, and never more of a server's words than a person can read. maskSecrets hides
// anything shaped like a token; clip bounds a server string. Both are pure and linear.
import { UUID_RE } from './detect/uuid';

export const MASK = '***';
/** Characters of one server-supplied string the UI shows (an ErrorBody message, say). */
export const MAX_SERVER_TEXT = 500;

const SECRET_KEYS = 'access_token|refresh_token|id_token|code_verifier|client_secret';

// `"access_token":"…"` (JSON, also with escaped quotes inside the value bounded by the next quote)
const JSON_SECRET = new RegExp(`("(?:${SECRET_KEYS})"\\s*:\\s*)"[^"]*"`, 'gi');
// `access_token=…`, `code=…` in a query, a fragment or form data
const FORM_SECRET = new RegExp(`(^|[?&#;,\\s])(${SECRET_KEYS}|code|token)=[^&#\\s"',;]+`, 'gi');
// `Bearer …`, and `Authorization: …` with another scheme or none
const BEARER = /\b(bearer)\s+[^\s"',;]+/gi;
const AUTHORIZATION = /\b(authorization:)\s*(?!bearer\b)[^\s"',;]+/gi;
// A long unbroken run of token alphabet (base64url, JWT segments, Genesys access tokens).
const OPAQUE = /[A-Za-z0-9_~+=-]{32,}/g;

/** True for a run that looks like a credential: long, letters and digits, not an id (UUID). */
function tokenLike(run: string): boolean {
  return !UUID_RE.test(run) && /[0-9]/.test(run) && /[A-Za-z]/.test(run);
}

/** The text with every token-shaped part replaced by ***. */
export function maskSecrets(text: string): string {
  if (!text) return text;
  return text
    .replace(JSON_SECRET, `$1"${MASK}"`)
    .replace(FORM_SECRET, `$1$2=${MASK}`)
    .replace(BEARER, `$1 ${MASK}`)
    .replace(AUTHORIZATION, `$1 ${MASK}`)
    .replace(OPAQUE, (run) => (tokenLike(run) ? MASK : run));
}

/** At most `max` characters, with an ellipsis when cut. */
export function clip(text: string, max: number = MAX_SERVER_TEXT): string {
  return text.length > max ? `${text.slice(0, Math.max(0, max - 1))}…` : text;
}

/** A server's string as the UI may show it: masked, then bounded. */
export const safeText = (text: string, max: number = MAX_SERVER_TEXT): string =>
  clip(maskSecrets(text.length > max * 4 ? text.slice(0, max * 4) : text), max);
