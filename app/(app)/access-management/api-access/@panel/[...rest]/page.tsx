/** Any other page under API Access (edit, regenerate, new) closes the panel on client-side navigation. */
export default function NoPanel() {
  return null;
}
