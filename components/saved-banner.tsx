const MESSAGES: Record<string, string> = { created: 'created', updated: 'saved', deleted: 'deleted' };

/** After a redirect, says what just happened (the URL carries only the verb, never data). */
export function SavedBanner({ saved, noun }: { saved?: string; noun: string }) {
  const verb = saved && MESSAGES[saved];
  if (!verb) return null;
  return (
    <div role="status" className="banner banner-success">
      {noun} {verb}.
    </div>
  );
}
