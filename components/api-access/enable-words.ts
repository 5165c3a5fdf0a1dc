/** The words of Disable (or Enable, for a disabled key) and its confirmation: the table's menu and the key's own view say the same. */
export const enableWords = ({ name, enabled }: { name: string; enabled: boolean }) =>
  enabled
    ? {
        label: 'Disable',
        title: `Disable ${name}?`,
        body: 'Its token stops working at once, on every instance, until the key is enabled again. Nothing else about it changes.',
        confirmLabel: 'Disable',
      }
    : { label: 'Enable', title: `Enable ${name}?`, body: 'Its token works again at once, with its roles.', confirmLabel: 'Enable' };
