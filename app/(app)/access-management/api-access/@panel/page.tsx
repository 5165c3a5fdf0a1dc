/** On the table itself, no panel: client-side navigation back to the table closes it. */
export default function NoPanel() {
  return null;
}
