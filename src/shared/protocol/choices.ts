// The protocol's literal unions, as plain tuples: each is spelled here once. No schema library
// here, so the settings module (bundled into every page) can use them without pulling in the
// protocol's schemas; atoms.ts builds the schemas from them.

/** The agent's answer when the customer's Messenger is offline. */
export const OFFLINE_CHOICES = ['send-when-back', 'send-anyway'] as const;
export type OfflineChoice = (typeof OFFLINE_CHOICES)[number];

/** The setting: ask the agent each time, or one of the answers for good. */
export const WHEN_CUSTOMER_OFFLINE = ['ask', ...OFFLINE_CHOICES] as const;
export type WhenCustomerOffline = (typeof WHEN_CUSTOMER_OFFLINE)[number];
