'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * A `.table` in a box of its own that scrolls sideways when the table is wider than the page (a
 * phone), so the page itself never does. While it overflows, the box is a named region that takes
 * focus, so a keyboard can scroll it too (a table of plain text has nothing else to focus).
 */
export function ScrollTable({ label, children }: { label: string; children: React.ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setOverflows(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={box} className="table-scroll" {...(overflows ? { role: 'region', 'aria-label': label, tabIndex: 0 } : {})}>
      <table className="table">{children}</table>
    </div>
  );
}
