'use client';

import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import { Field } from './field';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'id'> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  onValue: (value: string) => void;
}

export function TextField({ label, hint, error, value, onValue, ...input }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <input {...input} {...control} value={value} onChange={(e) => onValue(e.target.value)} />
      )}
    </Field>
  );
}

interface TextAreaProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  onValue: (value: string) => void;
  name?: string;
  required?: boolean;
  maxLength?: number;
  rows?: number;
  minLength?: number;
}

export function TextArea({ label, hint, error, value, onValue, ...rest }: TextAreaProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <textarea
          {...rest}
          {...control}
          rows={rest.rows ?? 3}
          value={value}
          onChange={(e) => onValue(e.target.value)}
        />
      )}
    </Field>
  );
}

interface SelectFieldProps extends Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  'onChange' | 'id' | 'value'
> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  onValue: (value: string) => void;
  options: readonly { value: string; label: string }[];
  /** A first, empty choice ("Choose…") that `required` refuses. */
  placeholder?: string;
}

export function SelectField({
  label,
  hint,
  error,
  value,
  onValue,
  options,
  placeholder,
  ...select
}: SelectFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <select {...select} {...control} value={value} onChange={(e) => onValue(e.target.value)}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A group of radio buttons in a fieldset, its legend as the label. */
export function RadioGroup({
  legend,
  name,
  value,
  onValue,
  options,
  error,
}: {
  legend: ReactNode;
  name: string;
  value: string;
  onValue: (value: string) => void;
  options: readonly { value: string; label: ReactNode }[];
  error?: string | undefined;
}) {
  return (
    <fieldset className={`radio-group${error ? ' field-invalid' : ''}`}>
      <legend>{legend}</legend>
      <div className="radio-options">
        {options.map((option) => (
          <label key={option.value} className="radio">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onValue(option.value)}
            />
            {option.label}
          </label>
        ))}
      </div>
      {error ? <small className="field-error">{error}</small> : null}
    </fieldset>
  );
}
