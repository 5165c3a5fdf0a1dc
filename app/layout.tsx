import type { Metadata } from 'next';
import './globals.css';

export const metadata: Metadata = { title: 'Keygate', description: 'API Access management' };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
