// The invitation text the agent can have copied when a join code arrives: a template an admin
// (or the agent) writes with {code} and {minutes}, filled with the session's join code and
// the whole minutes left on its offer. Pure.

/** The placeholders a template may use; {code} is required. */
export const INVITATION_PLACEHOLDERS = ['code', 'minutes'] as const;
/** Longest template kept (a chat message, not a document). */
export const MAX_INVITATION_LENGTH = 500;

/**
 * Why a template cannot be used, as a locale key and its substitution; undefined when it can.
 * An empty template means "the language's built-in text" and is valid.
 */
export function invitationProblem(template: string): { key: string; sub?: string } | undefined {
  if (template === '') return undefined;
  if (template.length > MAX_INVITATION_LENGTH)
    return { key: 'settings_err_invitation_long', sub: String(MAX_INVITATION_LENGTH) };
  for (const [, name] of template.matchAll(/\{([^{}]*)\}/g)) {
    if (!(INVITATION_PLACEHOLDERS as readonly string[]).includes(name ?? ''))
      return { key: 'settings_err_invitation_placeholder', sub: `{${name}}` };
  }
  if (!template.includes('{code}')) return { key: 'settings_err_invitation_code' };
  return undefined;
}

/** Whole minutes left until `offerEndsAt` (rounded up, at least 1); undefined when unknown. */
export function minutesLeft(offerEndsAt: number | undefined, now: number): number | undefined {
  if (offerEndsAt === undefined) return undefined;
  return Math.max(1, Math.ceil((offerEndsAt - now) / 60_000));
}

/**
 * The template with its placeholders filled; undefined when it names {minutes} and the
 * minutes are unknown (the caller copies the bare code rather than a wrong sentence).
 */
export function fillInvitation(
  template: string,
  code: string,
  minutes: number | undefined,
): string | undefined {
  if (minutes === undefined && template.includes('{minutes}')) return undefined;
  // One pass, so a code or number can never be read as another placeholder.
  return template.replace(/\{(code|minutes)\}/g, (_, name: string) =>
    name === 'code' ? code : String(minutes),
  );
}
