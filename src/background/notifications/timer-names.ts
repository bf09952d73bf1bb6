// The machine's timers, read as TIMER.retry and so on (import * as TIMER). One letter each, for
// the same reason as event-types.ts.
export const retry = 'r';
export const poll = 'p';
export const stable = 's';
export const renew = 'n';
