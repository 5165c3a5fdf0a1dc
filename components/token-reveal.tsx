'use client';

import Link from 'next/link';
import { useState } from 'react';
import { paths } from '@/lib/paths';

/** The one-time token: masked by default, with Show/Hide and Copy, and a warning it will not be shown again. */
export function TokenReveal({
  token,
  banner,
  label = 'Token',
  warning = 'Copy this token now and store it somewhere safe. It will not be shown again: Keygate keeps only a digest of it.',
}: {
  token: string;
  banner: string;
  /** What the secret is called (a webhook's signing secret reuses this reveal). */
  label?: string;
  warning?: string;
}) {
  const [visible, setVisible] = useState(false);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');

  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      setCopied('copied');
      // "Copied" for a moment, then the button is itself again.
      setTimeout(() => setCopied((state) => (state === 'copied' ? 'idle' : state)), 2000);
    } catch {
      setCopied('failed');
    }
  }

  return (
    <section className="stack token-reveal" aria-labelledby="token-banner">
      <div id="token-banner" role="status" className="banner banner-success">
        {banner}
      </div>
      <div className="field">
        <label htmlFor="token">{label}</label>
        <div className="token-row">
          <input
            id="token"
            readOnly
            type={visible ? 'text' : 'password'}
            value={token}
            className="token-input"
            spellCheck={false}
            autoComplete="off"
            onFocus={(event) => event.currentTarget.select()}
          />
          <button type="button" className="button" onClick={() => setVisible((v) => !v)} aria-controls="token">
            {visible ? 'Hide' : 'Show'}
          </button>
          <button type="button" className="button" onClick={copy}>
            {copied === 'copied' ? 'Copied' : 'Copy'}
          </button>
        </div>
        <p role="status" className="hint">
          {copied === 'copied'
            ? 'Copied to the clipboard.'
            : copied === 'failed'
              ? 'Copying failed: select the token and copy it by hand.'
              : ''}
        </p>
      </div>
      <p className="banner banner-warning">{warning}</p>
    </section>
  );
}

/** The token shown after creation or regeneration, with the way back to the table (and to the key). */
export function OneTimeToken({ token, banner, accessId }: { token: string; banner: string; accessId?: string }) {
  return (
    <>
      <TokenReveal token={token} banner={banner} />
      <p className="actions">
        <Link className="button primary" href={paths.apiAccess.table}>
          Done
        </Link>
        {accessId && (
          <Link className="button" href={paths.apiAccess.detail(accessId)}>
            View API Access
          </Link>
        )}
      </p>
    </>
  );
}
