// The machine's state kinds, read as KIND.up and so on (import * as KIND). One letter each, for
// the same reason as event-types.ts.
export const idle = 'i';
export const connecting = 'c';
/** No socket and no attempt: REST polling, a backoff timer decides the next attempt. */
export const down = 'd';
/** A socket is up (a failed switch may still wait for its backoff, `armed[TIMER.retry]`). */
export const up = 'u';
/** A socket is up and an attempt for its successor is in flight. */
export const switching = 'w';
