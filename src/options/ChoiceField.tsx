// One setting chosen among a few values: a fieldset of radio buttons with its legend, a hint,
// and "set by your organisation" when a policy locks it. Every choice setting of the options
// page is drawn by it (when the customer is offline, notifications, auto-copy).
import { t } from '../shared/i18n';

export interface ChoiceFieldProps<C extends string> {
  /** The setting's key: the radio group's name and the prefix of its ids. */
  name: string;
  legend: string;
  hint: string;
  choices: readonly C[];
  /** i18n key of each choice's label (literal keys, so the locale check finds each one). */
  labels: Record<C, string>;
  value: C;
  locked: boolean;
  onChange: (value: C) => void;
}

export function ChoiceField<C extends string>(props: ChoiceFieldProps<C>) {
  const { name, locked, value, onChange } = props;
  const hintId = `${name}-hint`;
  const lockedId = `${name}-locked`;
  return (
    <fieldset
      disabled={locked}
      class="stack"
      aria-describedby={[hintId, locked && lockedId].filter(Boolean).join(' ')}
    >
      <legend>{props.legend}</legend>
      <span id={hintId} class="hint">
        {props.hint}
      </span>
      {locked && (
        <p id={lockedId} class="locked">
          {t('options_locked_by_policy')}
        </p>
      )}
      {props.choices.map((choice) => (
        <label class="choice" key={choice}>
          <input
            type="radio"
            name={name}
            value={choice}
            checked={value === choice}
            disabled={locked}
            onChange={() => onChange(choice)}
          />
          {t(props.labels[choice])}
        </label>
      ))}
    </fieldset>
  );
}
