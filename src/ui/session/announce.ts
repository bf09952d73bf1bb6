// One polite live region per overlay; anything that wants to be heard (state changes, "Copied")
// goes through this context so screen readers get a single, ordered stream.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export const AnnounceContext = createContext<(message: string) => void>(() => {});
export const useAnnounce = () => useContext(AnnounceContext);
