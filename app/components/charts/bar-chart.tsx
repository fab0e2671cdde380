// Horizontal bar chart drawn as SVG on the server: readable without JavaScript, printable, and
// paired with a table so that screen readers get the same numbers.
export interface BarDatum {
  label: string;
  value: number;
  /** Optional second value drawn as a lighter bar behind the first (e.g. registered vs attended). */
  total?: number;
}

interface BarChartProps {
  id: string;
  title: string;
  data: BarDatum[];
  valueLabel: string;
  totalLabel?: string;
  /** Show the table visibly (for print and for everyone) rather than only for screen readers. */
  showTable?: boolean;
}

const rowHeight = 26;
const labelWidth = 190;
const chartWidth = 640;
const barArea = chartWidth - labelWidth - 50;

export function BarChart({ id, title, data, valueLabel, totalLabel, showTable = false }: BarChartProps) {
  const max = Math.max(1, ...data.map((d) => Math.max(d.value, d.total ?? 0)));
  const height = Math.max(rowHeight, data.length * rowHeight) + 8;
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart__title">
        {title}
      </figcaption>
      {data.length === 0 ? (
        <p className="muted">—</p>
      ) : (
        <svg viewBox={`0 0 ${chartWidth} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-table`} className="chart__svg">
          {data.map((d, i) => {
            const y = i * rowHeight + 4;
            const w = (d.value / max) * barArea;
            const tw = d.total !== undefined ? (d.total / max) * barArea : 0;
            return (
              <g key={d.label + i}>
                <text x={labelWidth - 8} y={y + 15} textAnchor="end" className="chart__label">
                  {d.label.length > 28 ? `${d.label.slice(0, 27)}…` : d.label}
                </text>
                {d.total !== undefined ? <rect x={labelWidth} y={y + 2} width={tw} height={rowHeight - 8} className="chart__bar chart__bar--total" /> : null}
                <rect x={labelWidth} y={y + 2} width={w} height={rowHeight - 8} className="chart__bar" />
                <text x={labelWidth + Math.max(w, tw) + 6} y={y + 15} className="chart__value">
                  {d.total !== undefined ? `${d.value} / ${d.total}` : d.value}
                </text>
              </g>
            );
          })}
        </svg>
      )}
      <table id={`${id}-table`} className={showTable ? "data chart__table" : "visually-hidden"}>
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{title}</th>
            <th scope="col">{valueLabel}</th>
            {totalLabel ? <th scope="col">{totalLabel}</th> : null}
          </tr>
        </thead>
        <tbody>
          {data.map((d, i) => (
            <tr key={d.label + i}>
              <th scope="row">{d.label}</th>
              <td>{d.value}</td>
              {totalLabel ? <td>{d.total ?? ""}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
