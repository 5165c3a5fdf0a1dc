'use client';

import { useId, useState } from 'react';
import { FieldError } from '@/components/form-message';
import { EXPIRY_PRESETS } from '@/lib/api-access/form-fields';
import { DAY_MS } from '@/lib/time';

/** `YYYY-MM-DDTHH:mm` in the browser's own time zone, for datetime-local inputs. */
function localInputValue(date: Date): string {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/**
 * Expiration Date: presets of 7/30/60/90 days or a custom date and time. The
 * custom value is converted to an ISO instant here, where the time zone is known.
 * The choice lives in state (the custom field shows only when chosen); give the
 * field a new key per submit to start again from the echoed values.
 */
export function ExpirationField({
  errors,
  defaultChoice = '30',
  defaultCustom = '',
}: {
  errors?: string[];
  defaultChoice?: string;
  defaultCustom?: string;
}) {
  const [choice, setChoice] = useState(defaultChoice);
  const [custom, setCustom] = useState(defaultCustom);
  const id = useId();
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const iso = custom && !Number.isNaN(new Date(custom).getTime()) ? new Date(custom).toISOString() : custom;
  const min = localInputValue(new Date(Date.now() + 60_000));
  const max = localInputValue(new Date(Date.now() + 366 * DAY_MS));
  return (
    <fieldset aria-describedby={errors?.length ? 'expiresAt-error' : undefined} aria-invalid={errors?.length ? true : undefined}>
      <legend>Expiration Date</legend>
      <div className="presets">
        {EXPIRY_PRESETS.map((days) => (
          <label key={days} className="checkbox">
            <input
              type="radio"
              name="expiresIn"
              value={String(days)}
              checked={choice === String(days)}
              onChange={() => setChoice(String(days))}
            />
            {days} days
          </label>
        ))}
        <label className="checkbox">
          <input
            type="radio"
            name="expiresIn"
            value="custom"
            defaultChecked={defaultChoice === 'custom'}
            onChange={() => setChoice('custom')}
          />
          Custom
        </label>
      </div>
      {choice === 'custom' && (
        <div className="field nested">
          <label htmlFor={`${id}-custom`}>Custom expiration ({zone})</label>
          <input
            id={`${id}-custom`}
            type="datetime-local"
            min={min}
            max={max}
            name="expiresAtLocal"
            value={custom}
            onChange={(event) => setCustom(event.target.value)}
          />
          <input type="hidden" name="expiresAt" value={iso} />
          <p className="hint">At most 366 days ahead.</p>
        </div>
      )}
      <FieldError id="expiresAt-error" errors={errors} />
    </fieldset>
  );
}
