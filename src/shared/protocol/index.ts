// The message protocol, schema first: every request, answer and push is a valibot schema here,
// and its TypeScript type is inferred from it. Who talks over what:
//   requests.ts  views → background (runtime.sendMessage), answered with a Result
//   pushes.ts    background → extension pages (PORT_VIEWS)
//   overlay.ts   background ↔ content script (PORT_OVERLAY)
//   panel.ts     background ↔ panel frame (PORT_PANEL), and the views the panel renders
//   atoms.ts     shared shapes: ids, the offline choice, origins, media, the panel's place
//   ports.ts     the port names (no schema library: the content script imports them)
export * from './atoms';
export * from './overlay';
export * from './panel';
export * from './ports';
export * from './pushes';
export * from './requests';
