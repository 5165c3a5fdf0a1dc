/** What the browser's refusal of a passkey ceremony means to the person at it (cancelled, timed out, or a key registered already). */
export function passkeyCeremonyMessage(error: unknown, doing: 'add' | 'use'): string {
  const name = error instanceof Error ? error.name : '';
  if (doing === 'add' && name === 'InvalidStateError') return 'This passkey is registered already.';
  if (name === 'NotSupportedError' || (typeof window !== 'undefined' && !window.PublicKeyCredential))
    return 'This browser does not support passkeys.';
  return doing === 'add'
    ? 'No passkey was created: the request was cancelled or timed out. Try again.'
    : 'No passkey was used: the request was cancelled or timed out. Try again, or type a code.';
}
