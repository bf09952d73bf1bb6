// One polite live region per view; anything that wants to be heard (state changes, "Copied")
// goes through this context so screen readers get a single, ordered stream. Outside a view
// that provides one (options, history), components speak through their own status text.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export const AnnounceContext = createContext<((message: string) => void) | null>(null);
export const useAnnounce = () => useContext(AnnounceContext);
