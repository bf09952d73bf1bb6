// The machine's effect kinds, read as FX.openSocket and so on (import * as FX). One letter each,
// for the same reason as event-types.ts.
export const status = 's';
export const log = 'l';
export const error = 'e';
export const deliver = 'd';
export const readUser = 'u';
export const head = 'h';
export const createChannel = 'c';
export const checkAddress = 'a';
/** Open a WebSocket on channel.connectUri and start its watchdog. */
export const openSocket = 'o';
/** Restart the socket's watchdog clocks. */
export const kick = 'k';
/** Forget a socket (no more callbacks, watchdog stopped), closing it when a code is given. */
export const detach = 'x';
export const setTimer = 't';
/** Arm the retry timer: max(minMs, backoff with jitter for `attempt`). */
export const scheduleRetry = 'r';
export const clearTimer = 'z';
/** Read these live conversations over REST; without ids, whatever is live when it runs. */
export const reconcile = 'g';
/** One of the user's conversations as the conversations topic pushed it. */
export const listed = 'n';
