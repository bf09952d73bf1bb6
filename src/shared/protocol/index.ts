// The message protocol, schema first: every request, answer and push is a valibot schema here,
// and its TypeScript type is inferred from it. Who talks over what:
//   requests.ts  views → background (runtime.sendMessage): the payloads, checked by the router
//   answers.ts   what each request is answered with (in a Result)
//   pushes.ts    background → extension pages (PORT_VIEWS), the content script (PORT_OVERLAY)
//                and the panel (PORT_PANEL, the views it renders)
//   overlay.ts   content script → background (PORT_OVERLAY), checked by the panel bridge
//   panel.ts     panel → background (PORT_PANEL): its key and the agent's actions, checked too
//   atoms.ts     shared shapes: ids, the offline choice, origins, the panel's place
//   choices.ts   the offline choice's literal tuples (no schema library: settings uses them)
//   ports.ts     the port names (no schema library: the content script imports them)
// Import types from here, values from their own file: a bundle then holds only the schemas it
// runs (the background's checks), never the ones that exist for a type (answers, pushes).
export * from './answers';
export * from './atoms';
export * from './choices';
export * from './overlay';
export * from './panel';
export * from './ports';
export * from './pushes';
export * from './requests';
