import { formatDateTime } from '@/lib/format';
import { listPasskeys } from '@/lib/passkeys/store';
import { AddPasskeyForm } from './add-passkey-form';
import { PasskeyActions } from './passkey-actions';

/** The Account page's passkeys: each with its name, when it was added and last used; add, rename, remove. */
export async function PasskeysSection({ userId, totp }: { userId: string; totp: boolean }) {
  const keys = await listPasskeys(userId);
  return (
    <section className="stack" aria-labelledby="passkeys-title">
      <h3 id="passkeys-title">Passkeys</h3>
      <p className="muted">
        A passkey lives in your device or a security key and is unlocked with your fingerprint, face or PIN. Signing in, it can stand in for
        the code.
      </p>
      {keys.length > 0 && (
        <ul className="passkey-list" aria-label="Your passkeys">
          {keys.map((key) => (
            <li key={key.id}>
              <strong className="break-anywhere">{key.name}</strong>
              <p className="muted">
                Added {formatDateTime(key.createdAt)} ·{' '}
                {key.lastUsedAt ? `last used ${formatDateTime(key.lastUsedAt)}` : 'never used to sign in'}
              </p>
              <PasskeyActions key={`${key.id}-${key.name}`} id={key.id} name={key.name} lastFactor={!totp && keys.length === 1} />
            </li>
          ))}
        </ul>
      )}
      <AddPasskeyForm />
    </section>
  );
}
