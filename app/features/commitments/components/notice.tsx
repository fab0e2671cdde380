import type { ReactNode } from "react";

/** What an action did, announced politely (role=status). */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <p className="alert alert--ok" role="status">
      {children}
    </p>
  );
}
