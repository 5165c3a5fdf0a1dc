import { formatDateTime } from '@/lib/format';
import type { KeyNotice } from '@/lib/notifications/queries';
import type { NoticeThreshold } from '@/lib/notifications/thresholds';
import { ScrollTable } from '@/components/scroll-table';
import { When } from '@/components/when';

const THRESHOLD_LABELS: Record<NoticeThreshold, string> = {
  '30d': '30 days before',
  '7d': '7 days before',
  '1d': '1 day before',
  expired: 'Expired',
};

/** The key's expiry emails: which threshold, to whom, what became of it and when. Addresses only for those who may see users. */
export function ExpiryNotices({ notices, headingId }: { notices: KeyNotice[]; headingId: string }) {
  const now = new Date();
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>Expiry notices</h3>
      {notices.length === 0 ? (
        <p className="muted">None yet. The author is emailed 30 days, 7 days and 1 day before expiry, and once it has expired.</p>
      ) : (
        <ScrollTable label="Expiry notices table">
          <thead>
            <tr>
              <th scope="col">Threshold</th>
              <th scope="col">Recipient</th>
              <th scope="col">Status</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {notices.map((notice, index) => (
              <tr key={index}>
                <td>
                  {THRESHOLD_LABELS[notice.threshold]}
                  <div className="muted">for {formatDateTime(notice.expiresAt)}</div>
                </td>
                <td>
                  {notice.recipient ? (
                    <>
                      {notice.recipient.name}
                      {notice.recipient.email && <div className="muted break-anywhere">{notice.recipient.email}</div>}
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td>
                  {notice.status}
                  {notice.error && <div className="notice-error">{notice.error}</div>}
                </td>
                <td>
                  <When at={notice.at} now={now} />
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </section>
  );
}
