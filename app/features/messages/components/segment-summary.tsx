import { useT } from "~/i18n/index";
import type { Segment } from "~/features/messages/rules";

/** Who a message goes to, in a line: "confirmadas, asistieron · Cali, Medellín". */
export function SegmentSummary({ segment, cityNames }: { segment: Segment; cityNames: Record<string, string> }) {
  const a = useT().messages.admin;
  const groups = segment.statuses.map((s) => a.statusesShort[s]).join(", ");
  const cities = segment.cities.length ? segment.cities.map((d) => cityNames[d] ?? d).join(", ") : a.allCities;
  return (
    <>
      {groups} · {cities}
    </>
  );
}
