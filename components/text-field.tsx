import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';
import { FieldError } from './form-message';

type Common = { name: string; label: ReactNode; errors?: string[]; hint?: ReactNode };
type InputProps = Common & { multiline?: false } & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>;
type AreaProps = Common & { multiline: true } & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>;

/**
 * A labelled input (or textarea) with its hint and its error message, tied
 * together for assistive technology. The id is the field's name.
 */
export function TextField(props: InputProps | AreaProps) {
  const { name, label, errors, hint, multiline, ...control } = props;
  const invalid = Boolean(errors?.length);
  const describedBy = [hint ? `${name}-hint` : null, invalid ? `${name}-error` : null].filter(Boolean).join(' ') || undefined;
  const shared = { id: name, name, 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy };
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {multiline ? (
        <textarea {...(control as TextareaHTMLAttributes<HTMLTextAreaElement>)} {...shared} />
      ) : (
        <input {...(control as InputHTMLAttributes<HTMLInputElement>)} {...shared} />
      )}
      {hint && (
        <p id={`${name}-hint`} className="hint">
          {hint}
        </p>
      )}
      <FieldError id={`${name}-error`} errors={errors} />
    </div>
  );
}
