import { FieldError } from '@/components/form-message';
import { rateWindowChoices } from '@/lib/api-access/form-fields';

/**
 * Rate limit: a number of requests per chosen window; empty means none. The number is a text
 * field (numeric keyboard) so whatever was typed reaches the server and comes back with its
 * message instead of being emptied by the browser.
 */
export function RateLimitField({
  errors,
  defaultLimit,
  defaultWindow,
  keyWindow,
}: {
  errors?: string[];
  defaultLimit: string;
  defaultWindow: string;
  /** The key's stored window, offered even when it is none of the usual four. */
  keyWindow?: number;
}) {
  const invalid = Boolean(errors?.length);
  return (
    <div className="field">
      <label htmlFor="rateLimit">Rate limit</label>
      <div className="rate-limit">
        <input
          id="rateLimit"
          name="rateLimit"
          type="text"
          inputMode="numeric"
          size={10}
          defaultValue={defaultLimit}
          aria-invalid={invalid || undefined}
          aria-describedby={['rateLimit-hint', invalid ? 'rateLimit-error' : null].filter(Boolean).join(' ')}
        />
        <span>requests per</span>
        <select name="rateLimitWindow" aria-label="Rate limit window" defaultValue={defaultWindow}>
          {rateWindowChoices(keyWindow).map((window) => (
            <option key={window.seconds} value={String(window.seconds)}>
              {window.label}
            </option>
          ))}
        </select>
      </div>
      <p id="rateLimit-hint" className="hint">
        Empty: no limit. At most 1,000,000 requests per window; verifications and platform calls both count.
      </p>
      <FieldError id="rateLimit-error" errors={errors} />
    </div>
  );
}
