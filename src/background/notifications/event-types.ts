// The machine's event types, read as EV.socketOpen and so on (import * as EV). One letter each:
// a bundle keeps every string whole, so the discriminants are short and the names live here.
export const ensure = 'e';
export const stop = 's';
/** Connect step answers, each tagged with its attempt's generation. */
export const user = 'u';
export const head = 'h';
export const created = 'c';
export const addressOk = 'a';
/** Any step failed (explained by the glue). */
export const setupFailed = 'f';
export const socketOpen = 'o';
export const frame = 'm';
export const socketClosed = 'x';
/** The heartbeat watchdog: no frame for heartbeatTimeoutMs. */
export const socketDead = 'd';
export const timer = 't';
/** Hold the channel while signed in, with or without live sessions (the user's list topic). */
export const watch = 'w';
