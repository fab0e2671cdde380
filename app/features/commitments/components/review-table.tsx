import type { ReactNode } from "react";

// The admin review lists (responsibles to confirm, held mails, officials) share one table
// frame: a scrolling wrapper on phones, a header row of column names, and cells that show a
// main line with a muted second line under it.

export function ReviewTable({ columns, children }: { columns: readonly string[]; children: ReactNode }) {
  return (
    <div className="table-scroll">
      <table className="data">
        <thead>
          <tr>
            {columns.map((label, index) => (
              <th scope="col" key={index}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function TwoLineCell({ main, sub }: { main: ReactNode; sub?: ReactNode }) {
  return (
    <td>
      {main}
      {sub !== undefined && sub !== null ? (
        <>
          <br />
          <span className="muted">{sub}</span>
        </>
      ) : null}
    </td>
  );
}
