import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from 'react-email';
import type { NoticeThreshold } from '../../lib/notifications/thresholds';
import { emailStyles } from './email-styles';

export type ExpiringKey = {
  name: string;
  accessId: string;
  /** Exact, with the zone: "2026-12-24 09:30:00 UTC". */
  expiresAt: string;
  viewUrl: string;
  regenerateUrl: string;
};

export type ExpiryNoticeProps = {
  threshold: NoticeThreshold;
  recipientName: string;
  keys: ExpiringKey[];
  /** Where the API Access table is, for the footer. */
  tableUrl: string;
};

const WHEN: Record<NoticeThreshold, string> = {
  '30d': 'within 30 days',
  '7d': 'within 7 days',
  '1d': 'within 24 hours',
  expired: '',
};

/** The subject line, also used by the sender: one place says what the email is about. */
export function expiryNoticeSubject({ threshold, keys }: Pick<ExpiryNoticeProps, 'threshold' | 'keys'>): string {
  const one = keys.length === 1 ? keys[0]!.name : null;
  if (threshold === 'expired') {
    return one ? `API Access “${one}” has expired` : `${keys.length} of your API Access keys have expired`;
  }
  return one ? `API Access “${one}” expires ${WHEN[threshold]}` : `${keys.length} of your API Access keys expire ${WHEN[threshold]}`;
}

function introduction(threshold: NoticeThreshold, count: number): string {
  const these = count === 1 ? 'This API Access' : `These ${count} API Access keys`;
  if (threshold === 'expired') {
    return `${these} you are responsible for ${count === 1 ? 'has' : 'have'} expired: every request made with ${count === 1 ? 'its token' : 'their tokens'} is now refused. Regenerate to issue a new token, or delete ${count === 1 ? 'it' : 'them'} if no longer needed.`;
  }
  return `${these} you are responsible for will expire ${WHEN[threshold]}. After that, every request made with ${count === 1 ? 'its token' : 'their tokens'} is refused. Regenerate before then to keep services working.`;
}

const styles = {
  ...emailStyles,
  key: { borderTop: '1px solid #e3e6ea', padding: '16px 0' },
  keyName: { color: '#111827', fontSize: 16, fontWeight: 600, margin: '0 0 4px' },
  link: { ...emailStyles.link, marginLeft: 16 },
};

/** One email per recipient and threshold, listing every key of theirs that is due. */
export function ExpiryNoticeEmail({ threshold, recipientName, keys, tableUrl }: ExpiryNoticeProps) {
  const subject = expiryNoticeSubject({ threshold, keys });
  return (
    <Html lang="en">
      <Head />
      <Preview>{subject}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Heading as="h1" style={styles.heading}>
            {subject}
          </Heading>
          <Text style={styles.text}>Hello {recipientName},</Text>
          <Text style={styles.text}>{introduction(threshold, keys.length)}</Text>
          {keys.map((key) => (
            <Section key={key.accessId} style={styles.key}>
              <Text style={styles.keyName}>{key.name}</Text>
              <Text style={styles.meta}>
                Access ID: <span style={styles.code}>{key.accessId}</span>
              </Text>
              <Text style={{ ...styles.meta, marginBottom: 12 }}>
                {threshold === 'expired' ? 'Expired' : 'Expires'}: {key.expiresAt}
              </Text>
              <Button href={key.regenerateUrl} style={styles.button}>
                Regenerate
              </Button>
              {/* A paragraph of its own: in the plain-text part each link then has its own line. */}
              <Text style={styles.meta}>
                <Link href={key.viewUrl} style={styles.link}>
                  View
                </Link>
              </Text>
            </Section>
          ))}
          <Hr />
          <Text style={styles.footer}>
            You receive this because you created {keys.length === 1 ? 'this key' : 'these keys'} in Keygate (or look after keys whose author
            is no longer active). Keygate sends one notice 30 days, 7 days and 1 day before a key expires, and one when it has expired. All
            API Access: <Link href={tableUrl}>{tableUrl}</Link>
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

/** Sample data for `npm run email:dev`. */
export function sampleNotice(threshold: NoticeThreshold): ExpiryNoticeProps {
  const base = 'http://localhost:3000/access-management/api-access';
  const key = (name: string, accessId: string, expiresAt: string): ExpiringKey => ({
    name,
    accessId,
    expiresAt,
    viewUrl: `${base}/${accessId}`,
    regenerateUrl: `${base}/${accessId}/regenerate`,
  });
  return {
    threshold,
    recipientName: 'Ada Lovelace',
    tableUrl: base,
    keys: [
      key('billing-service-prod', 'ak_7hq3x2m4k5n6p7r2s3t4', '2026-12-24 09:30:00 UTC'),
      key('payments <ci> runner', 'ak_2b3c4d5e6f7g2h3i4j5k', '2026-12-25 18:00:00 UTC'),
    ],
  };
}
