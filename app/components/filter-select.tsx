/**
 * One select of a list's GET filter form: a label, "all" as the empty choice, then the options.
 * Plain HTML, so the filter works before (and without) the page's scripts.
 */
export function FilterSelect(props: {
  id: string;
  name: string;
  label: string;
  allLabel: string;
  value: string;
  options: ReadonlyArray<{ value: string; label: string }>;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} name={props.name} defaultValue={props.value}>
        <option value="">{props.allLabel}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
