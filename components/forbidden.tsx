/** Shown in place of a page the signed-in user may not open. */
export function Forbidden({ message }: { message: string }) {
  return (
    <section className="empty" aria-labelledby="forbidden-title">
      <h1 id="forbidden-title">Not allowed</h1>
      <p>{message}</p>
    </section>
  );
}
