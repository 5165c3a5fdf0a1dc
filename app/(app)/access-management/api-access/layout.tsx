/** The table and, over it, the detail panel when an API Access is opened from it. */
export default function ApiAccessLayout({ children, panel }: { children: React.ReactNode; panel: React.ReactNode }) {
  return (
    <>
      {children}
      {panel}
    </>
  );
}
