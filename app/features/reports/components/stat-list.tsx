/** Headline figures as a definition list: label above, big number below. */
export function StatList({ stats }: { stats: [label: string, value: number][] }) {
  return (
    <dl className="stats">
      {stats.map(([label, value]) => (
        <div key={label} className="stat">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
