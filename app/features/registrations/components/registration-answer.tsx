import { format, useT } from "~/i18n/index";

// What the public form answers after a registration, and what it says of a city's places.
// The answer is built from the encounter and the chosen city only: the same words whether
// the email was new, known, or already registered (its owner reads the truth in the mail).

export interface PlacesView {
  city: string;
  quota: number;
  cityLeft: number;
  capacity: number;
  encounterLeft: number;
}

export function RegistrationAnswer({ places }: { places: PlacesView | null }) {
  const a = useT().registrationHome.answer;
  const waiting = places ? (places.encounterLeft <= 0 ? "encounter" : places.cityLeft <= 0 ? "city" : null) : null;
  return (
    <div className={waiting ? "alert alert--warn" : "alert alert--info"} role="status">
      <h2>{a.title}</h2>
      {waiting === "encounter" ? <p>{format(places!.capacity === 1 ? a.encounterFullOne : a.encounterFull, { capacity: places!.capacity })}</p> : null}
      {waiting === "city" ? <p>{format(places!.quota === 1 ? a.cityFullOne : a.cityFull, { quota: places!.quota, city: places!.city })}</p> : null}
      <p>{a.body}</p>
      {places && !waiting ? <p>{format(a.cityLeft, { left: places.cityLeft, quota: places.quota, city: places.city })}</p> : null}
    </div>
  );
}

/** Under the city field (with JavaScript): the chosen city's free places. */
export function CityPlacesNote(props: { dane: string; cities: Array<{ dane: string; name: string }>; placesLeft: Record<string, number>; quota: number }) {
  const p = useT().registrationHome.places;
  const city = props.cities.find((c) => c.dane === props.dane);
  const left = city ? props.placesLeft[city.dane] : undefined;
  return (
    <p className={left === 0 ? "alert alert--warn" : "muted"} aria-live="polite" data-testid="city-places">
      {city && left !== undefined
        ? format(left > 0 ? p.cityLeft : props.quota === 1 ? p.cityFullOne : p.cityFull, { left, quota: props.quota, city: city.name })
        : null}
    </p>
  );
}
