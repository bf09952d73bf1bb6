// What the extension learned at run time about how the signed-in org's Genesys Cloud behaves,
// where that is not documented: facts only (no ids, no tokens, no page data). Test connection's
// report shows them. Pure: the background keeps them (storage.session), views only render them.

/** The CoBrowse subtypes whose carrier is recorded (Genesys's own names, never translated). */
export const LEARNED_SUBTYPES = [
  'Offering',
  'OfferingAccepted',
  'OfferingRejected',
  'OfferingExpired',
] as const;
export type LearnedSubType = (typeof LEARNED_SUBTYPES)[number];

/** Which participant of a conversation carried an event. */
export type Carrier = 'agent' | 'customer' | 'other';

/** Where a session's web deployment id was found; 'none': nowhere the extension can read. */
export type DeploymentIdPlace = 'selfUri' | 'messageChannel' | 'none';

export interface Learned {
  /** The environment and OAuth client the facts were learned with (another org learns anew). */
  boundTo?: string;
  refreshToken?: {
    /** The last sign-in's token answer carried a refresh token. */
    signIn: boolean;
    /** How the last renewal went, once one ran. */
    renewal?: 'refresh' | 'silent-sign-in' | 'refused-then-silent';
  };
  /** Each CoBrowse subtype seen, with the participants that carried it. */
  carriers?: Partial<Record<LearnedSubType, Carrier[]>>;
  /** Per media, where the last session's deployment id was found. */
  deploymentId?: Partial<Record<'message' | 'call', DeploymentIdPlace>>;
}

export type LearnedFact =
  | {
      kind: 'token';
      via: 'sign-in' | 'silent-sign-in' | 'refresh';
      refreshToken: boolean;
      refreshRefused?: boolean;
    }
  | { kind: 'carrier'; subType: LearnedSubType; carrier: Carrier }
  | { kind: 'deploymentId'; media: 'message' | 'call'; place: DeploymentIdPlace };

/** The facts with one more; the same object when it adds nothing (so nothing is written). */
export function withFact(learned: Learned, fact: LearnedFact): Learned {
  switch (fact.kind) {
    case 'token': {
      if (fact.via === 'sign-in') {
        const next = { signIn: fact.refreshToken };
        return learned.refreshToken?.signIn === next.signIn && !learned.refreshToken.renewal
          ? learned
          : { ...learned, refreshToken: next };
      }
      const renewal =
        fact.via === 'refresh'
          ? 'refresh'
          : fact.refreshRefused
            ? 'refused-then-silent'
            : 'silent-sign-in';
      // A silent sign-in is a sign-in too: its answer tells whether refresh tokens come.
      const signIn =
        fact.via === 'silent-sign-in' ? fact.refreshToken : (learned.refreshToken?.signIn ?? true);
      const old = learned.refreshToken;
      if (old?.renewal === renewal && old.signIn === signIn) return learned;
      return { ...learned, refreshToken: { signIn, renewal } };
    }
    case 'carrier': {
      const seen = learned.carriers?.[fact.subType] ?? [];
      if (seen.includes(fact.carrier)) return learned;
      const carriers = { ...learned.carriers, [fact.subType]: [...seen, fact.carrier].sort() };
      return { ...learned, carriers };
    }
    case 'deploymentId': {
      if (learned.deploymentId?.[fact.media] === fact.place) return learned;
      return { ...learned, deploymentId: { ...learned.deploymentId, [fact.media]: fact.place } };
    }
  }
}
