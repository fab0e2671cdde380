// Horizontal bar chart drawn as SVG on the server: readable without JavaScript, printable, and
// paired with a table so that screen readers get the same numbers.
export interface BarDatum {
  label: string;
  value: number;
  /** Optional second value drawn as a lighter bar behind the first (e.g. registered vs attended). */
  total?: number;
  /** Written instead of the value where the exact figure is withheld ("< 5", "16–20"); the bar draws `value`. */
  text?: string;
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

// HTML rather than SVG: an SVG scaled to a phone's width shrinks its text with it (12 px
// became 6 px at 390 px), while HTML text keeps its size at any width and wraps instead.
export function BarChart({ id, title, data, valueLabel, totalLabel, showTable = false }: BarChartProps) {
  const max = Math.max(1, ...data.map((d) => Math.max(d.value, d.total ?? 0)));
  const paired = data.some((d) => d.total !== undefined) && totalLabel !== undefined;
  const percent = (n: number) => `${((n / max) * 100).toFixed(1)}%`;
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart__title">
        {title}
      </figcaption>
      {paired ? (
        // The legend in the order the numbers are written on each bar: value, then total.
        <ul className="chart__legend" aria-hidden="true">
          <li>
            <span className="chart__swatch chart__swatch--value" /> {valueLabel}
          </li>
          <li>
            <span className="chart__swatch chart__swatch--total" /> {totalLabel}
          </li>
        </ul>
      ) : null}
      {data.length === 0 ? (
        <p className="muted">—</p>
      ) : (
        <div className="bars" role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-table`}>
          {data.map((d, i) => (
            <div className="bars__row" key={d.label + i}>
              <span className="bars__label">{d.label}</span>
              <span className="bars__track">
                {d.total !== undefined ? <span className="bars__bar bars__bar--total" style={{ width: percent(d.total) }} /> : null}
                <span className="bars__bar" style={{ width: percent(d.value) }} />
              </span>
              <span className="bars__value">{d.total !== undefined ? `${d.text ?? d.value} / ${d.total}` : (d.text ?? d.value)}</span>
            </div>
          ))}
        </div>
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
              <td>{d.text ?? d.value}</td>
              {totalLabel ? <td>{d.total ?? ""}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
