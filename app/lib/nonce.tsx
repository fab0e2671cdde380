import { createContext, useContext } from "react";

// The per-request Content-Security-Policy nonce, handed from the server to <Scripts />.
// In the browser it reads as "" (browsers hide nonces from the DOM), which is expected.
const NonceContext = createContext<string>("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
