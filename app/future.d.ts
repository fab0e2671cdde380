// Tells Remix's types that single fetch is on (v3_singleFetch), so loader and action data
// are typed as what they return rather than as JSON.
import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  // What server.ts hands every loader and action.
  interface AppLoadContext {
    clientIp?: string;
    cspNonce?: string;
    /** Resolves once the response's socket can take more (file downloads wait on it). */
    waitForDrain?: () => Promise<void>;
  }
}
