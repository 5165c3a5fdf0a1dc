/**
 * Every Keygate email's look: one card on a grey page, the same type, button and footer. An email
 * overrides a key (a heading's colour, a margin) rather than writing the set again.
 */
export const emailStyles = {
  body: { backgroundColor: '#f6f7f9', fontFamily: '-apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif', margin: 0 },
  container: { backgroundColor: '#ffffff', border: '1px solid #e3e6ea', borderRadius: 8, margin: '32px auto', maxWidth: 560, padding: 32 },
  heading: { color: '#111827', fontSize: 20, margin: '0 0 16px' },
  text: { color: '#374151', fontSize: 15, lineHeight: '22px' },
  meta: { color: '#4b5563', fontSize: 14, lineHeight: '20px', margin: 0 as number | string },
  code: { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' },
  button: { backgroundColor: '#1d4ed8', borderRadius: 6, color: '#ffffff', fontSize: 14, fontWeight: 600, padding: '8px 14px' },
  link: { color: '#1d4ed8', fontSize: 14 },
  footer: { color: '#6b7280', fontSize: 12, lineHeight: '18px' },
};
