// The small shapes the requests, pushes and ports share. Each literal union is spelled once (here
// or, for the offline choice, in choices.ts); the TypeScript types are inferred from the schemas.
import * as v from 'valibot';
import { UUID_RE } from '../detect/uuid';
import { OFFLINE_CHOICES } from './choices';

/** A conversation id: hints from pages are only ever taken as UUIDs. */
export const UUID = v.pipe(v.string(), v.regex(UUID_RE));

export const TAB_ID = v.pipe(v.number(), v.integer(), v.minValue(0));

/** A distance in CSS pixels from a viewport edge. */
export const PIXELS = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100_000));

/** The agent's answer when the customer's Messenger is offline. */
export const OfflineChoiceSchema = v.picklist(OFFLINE_CHOICES);

/** Where the agent started from; every trigger goes through the same start path. */
export const OriginSchema = v.picklist(['popup', 'menu', 'command', 'retry']);
export type Origin = v.InferOutput<typeof OriginSchema>;

/**
 * A payload of `{}` (the requests that carry nothing); its type is Record<string, never>, so a
 * sender cannot put anything in it.
 */
export const EMPTY_PAYLOAD = v.pipe(
  v.object({}),
  v.transform((): Record<string, never> => ({})),
);

/** Where the agent put the panel, as distances from the viewport's right and bottom edges. */
export const PanelPlaceSchema = v.object({ right: PIXELS, bottom: PIXELS });
export type PanelPlace = v.InferOutput<typeof PanelPlaceSchema>;

/**
 * A value the background builds from a type another module owns (a session snapshot, a
 * history entry, the settings) and never parses: the schema carries that module's type so the
 * answer and push types can still be inferred from schemas. Nothing is checked at run time.
 */
export const built = <T>() => v.custom<T>(() => true);
