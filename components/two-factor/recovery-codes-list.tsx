/** Recovery codes just made: shown this once, with what they are for. */
export function RecoveryCodesList({ codes }: { codes: string[] }) {
  return (
    <section className="stack" aria-labelledby="recovery-codes-title">
      <h2 id="recovery-codes-title">Your recovery codes</h2>
      <p className="banner banner-warning">
        Save these codes now, somewhere other than your phone. Each signs you in once if you lose your authenticator app or passkeys. They
        will not be shown again: Keygate keeps only a digest of them.
      </p>
      <ol className="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}
