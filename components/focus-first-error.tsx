'use client';

import { useEffect, useRef } from 'react';
import type { FormState } from '@/lib/forms/form-state';

/** After a refused submit, focus moves to the first field in error of this form, where the fix is typed. */
export function FocusFirstError({ state }: { state: FormState }) {
  const marker = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (state.status !== 'error') return;
    const invalid = marker.current?.closest('form')?.querySelector<HTMLElement>('[aria-invalid="true"]');
    // A group in error (a fieldset of choices) is not focusable itself: its first control is.
    const field = invalid?.matches('input, select, textarea') ? invalid : invalid?.querySelector<HTMLElement>('input, select, textarea');
    field?.focus();
  }, [state]);
  return <span ref={marker} hidden />;
}
