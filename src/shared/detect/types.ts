// Shapes shared by the collector (content script) and detect() (background, popup).
// Everything here is plain data: PageHints crosses from the content script to the extension.

/**
 * Where an id was found.
 * - `link` / `selection`: the right-clicked link or the selected text (the agent pointed at it)
 * - `genesys-url`: a Genesys Cloud interaction URL on a known region host (the page's own URL or
 *   one found in the DOM)
 * - `url-path`: a UUID right after a `conversations`/`interactions` path segment, any host
 * - `url-param`: a `conversationId`/`interactionId`-style query or hash parameter
 * - `attribute`: an attribute whose name mentions conversation/interaction (`data-conversation-id`)
 * - `label`: text or a value labelled "Conversation ID"/"Interaction ID"
 * - `rule`: an extra detection rule from the options or admin policy
 * - `url`: any other UUID in the page URL
 * - `text`: any other UUID in visible text
 */
export type HintSource =
  | 'link'
  | 'selection'
  | 'genesys-url'
  | 'url-path'
  | 'url-param'
  | 'attribute'
  | 'label'
  | 'rule'
  | 'url'
  | 'text';

export interface Hint {
  /** lower-case UUID */
  id: string;
  source: HintSource;
  /** a short description of the spot: attribute name, label text, parameter name (page text!) */
  where?: string;
  /** found in a hidden element (hidden, aria-hidden, display:none, type=hidden): ranked last */
  hidden?: boolean;
  /** host of the URL the id came from, so the background can recognise a Genesys region */
  host?: string;
}

/** What the content script returns: small and serialisable. */
export interface PageHints {
  hints: Hint[];
  /** the walk hit a limit; ids further down the page were not seen */
  truncated: boolean;
}

export interface RankedId {
  id: string;
  source: HintSource;
  /** tier, 0 = strongest (see RANK); the list is sorted by it */
  rank: number;
  where?: string;
}

export interface Detection {
  ids: RankedId[];
  /** Genesys region domain (e.g. "mypurecloud.ie") the page or its interaction links belong to */
  region?: string;
}

/** An extra detection rule from the settings (the agent's or a policy's). */
export interface DetectionRule {
  kind: 'regex' | 'selector';
  /** regex: one capture group holding the id; selector: a CSS selector whose text or value holds it */
  value: string;
}
