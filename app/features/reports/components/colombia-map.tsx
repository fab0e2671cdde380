import { useT } from "~/i18n/index";

// The 32 capitals placed by their coordinates on a simplified outline of Colombia (equirectangular,
// good enough to recognise the country, not for surveying). San Andrés sits in an inset.
export interface MapPoint {
  dane: string;
  name: string;
  lat: number;
  lon: number;
  /** 0..1 share shown by the marker's fill; null when the city has nothing to show. */
  share: number | null;
  label: string;
}

const bounds = { west: -79.2, east: -66.7, north: 12.6, south: -4.4 };
const width = 420;
const scale = width / (bounds.east - bounds.west);
const height = Math.round((bounds.north - bounds.south) * scale);

const project = (lon: number, lat: number) => [(lon - bounds.west) * scale, (bounds.north - lat) * scale] as const;

// Mainland outline, clockwise from Punta Gallinas (lon, lat).
const outline: [number, number][] = [
  [-71.67, 12.46],
  [-71.3, 11.85],
  [-72.25, 11.1],
  [-72.9, 10.45],
  [-73.0, 9.3],
  [-72.6, 8.1],
  [-72.0, 7.3],
  [-70.1, 6.95],
  [-69.4, 6.1],
  [-67.5, 6.2],
  [-67.85, 4.5],
  [-67.3, 3.4],
  [-67.6, 2.8],
  [-67.2, 2.1],
  [-66.9, 1.2],
  [-67.9, 1.75],
  [-69.4, 1.1],
  [-69.6, 0.6],
  [-70.05, 0.55],
  [-70.05, -0.9],
  [-69.4, -1.3],
  [-69.95, -4.25],
  [-70.7, -3.8],
  [-72.0, -2.5],
  [-73.6, -1.25],
  [-74.8, -0.2],
  [-75.3, -0.1],
  [-76.3, 0.4],
  [-77.4, 0.85],
  [-78.8, 1.45],
  [-78.6, 2.5],
  [-77.5, 3.8],
  [-77.35, 5.5],
  [-77.4, 6.6],
  [-77.9, 7.2],
  [-77.4, 8.6],
  [-76.8, 8.6],
  [-76.2, 9.4],
  [-75.6, 10.4],
  [-74.8, 11.0],
  [-74.2, 11.3],
  [-73.3, 11.3],
  [-72.7, 11.7],
];

const outlinePath =
  outline
    .map(
      ([lon, lat], i) =>
        `${i === 0 ? "M" : "L"}${project(lon, lat)
          .map((n) => n.toFixed(1))
          .join(",")}`,
    )
    .join(" ") + " Z";

// The ranges of fillFor's five shades, as a reader reads them.
const shareSteps = ["0–24 %", "25–49 %", "50–74 %", "75–99 %", "100 %"];

function fillFor(share: number | null): string {
  if (share === null) return "#ffffff";
  // From light amber (0) to deep green (1): readable and distinguishable in greyscale too.
  const stops = ["#fde2b3", "#f6c453", "#9ccc65", "#43a047", "#1b5e20"];
  return stops[Math.min(stops.length - 1, Math.floor(share * (stops.length - 1) + 0.0001))];
}

/** Each city as a point of the map: its share (null: nothing to measure) and what its tooltip says. */
export function cityPoints<C extends Pick<MapPoint, "dane" | "name" | "lat" | "lon">>(
  cities: C[],
  share: (city: C) => number | null,
  label: (city: C) => string,
): MapPoint[] {
  return cities.map((c) => ({ dane: c.dane, name: c.name, lat: c.lat, lon: c.lon, share: share(c), label: label(c) }));
}

export function ColombiaMap({ id, title, points }: { id: string; title: string; points: MapPoint[] }) {
  const t = useT().reports;
  const legend = { none: t.legendNone, low: t.legendLow, high: t.legendHigh };
  const insetBox = { x: 4, y: 4, w: 62, h: 44 };
  return (
    <figure className="chart chart--map" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart__title">
        {title}
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-table`}
        className="chart__svg map"
      >
        <path d={outlinePath} className="map__land" />
        <rect {...{ x: insetBox.x, y: insetBox.y, width: insetBox.w, height: insetBox.h }} className="map__inset" />
        {points.map((p) => {
          const islands = p.lon < -79;
          const [x, y] = islands ? [insetBox.x + insetBox.w / 2, insetBox.y + insetBox.h / 2] : project(p.lon, p.lat);
          return (
            <g key={p.dane}>
              <circle cx={x} cy={y} r={7} fill={fillFor(p.share)} className="map__marker">
                <title>{`${p.name}: ${p.label}`}</title>
              </circle>
            </g>
          );
        })}
      </svg>
      {/* Every shade the markers use, each with what it means, from none to all. */}
      <ul className="map__legend" aria-hidden="true">
        <li>
          <span className="map__swatch" style={{ background: fillFor(null) }} /> {legend.none}
        </li>
        {shareSteps.map((step, i) => (
          <li key={step}>
            <span className="map__swatch" style={{ background: fillFor(i / (shareSteps.length - 1)) }} /> {step}
            {i === 0 ? ` (${legend.low})` : i === shareSteps.length - 1 ? ` (${legend.high})` : null}
          </li>
        ))}
      </ul>
      <table id={`${id}-table`} className="visually-hidden">
        <caption>{title}</caption>
        <tbody>
          {points.map((p) => (
            <tr key={p.dane}>
              <th scope="row">{p.name}</th>
              <td>{p.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
