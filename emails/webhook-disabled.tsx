import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Text } from 'react-email';
import { emailStyles } from './_components/email-styles';

export type WebhookDisabledProps = {
  recipientName: string;
  /** Why this person hears of it: they created the endpoint, or its creator can no longer be reached and they are an ADMIN. */
  recipientIs: 'author' | 'admin';
  /** The endpoint's URL shortened (lib/webhooks/short-url.ts): its path may hold the receiver's secret. */
  shortUrl: string;
  description: string;
  /** Exact, with the zone: "2026-12-06 12:15:00 UTC". */
  disabledAt: string;
  /** What the receiver last answered: "410 Gone". */
  lastResponse: string;
  /** The event whose delivery was answered so. */
  eventType: string;
  /** The endpoint's page: Enable and Edit are there. */
  endpointUrl: string;
  listUrl: string;
};

export const webhookDisabledSubject = ({ shortUrl }: Pick<WebhookDisabledProps, 'shortUrl'>) => `Webhook endpoint ${shortUrl} was disabled`;

const styles = {
  ...emailStyles,
  heading: { ...emailStyles.heading, color: '#b54708', wordBreak: 'break-word' as const },
  meta: { ...emailStyles.meta, margin: '0 0 4px', wordBreak: 'break-word' as const },
};

/** SPEC §9: sent at once to the endpoint's author (or, without one, every active ADMIN) when its receiver answers 410 Gone. */
export default function WebhookDisabledEmail(props: WebhookDisabledProps) {
  const subject = webhookDisabledSubject(props);
  return (
    <Html lang="en">
      <Head />
      <Preview>{subject}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Heading as="h1" style={styles.heading}>
            {subject}
          </Heading>
          <Text style={styles.text}>Hello {props.recipientName},</Text>
          <Text style={styles.text}>
            The receiver of this webhook endpoint answered {props.lastResponse}, which says the endpoint no longer exists, so Keygate
            disabled it. No events are queued for it while it is disabled, and deliveries already queued wait. If the receiver is still
            wanted, fix its address or the receiver, then enable the endpoint again.
          </Text>
          <Text style={styles.meta}>
            Endpoint: <span style={styles.code}>{props.shortUrl}</span> (the full address, which may hold a secret, is on{' '}
            <Link href={props.endpointUrl} style={styles.link}>
              its page
            </Link>
            )
          </Text>
          {props.description && <Text style={styles.meta}>Description: {props.description}</Text>}
          <Text style={styles.meta}>Disabled: {props.disabledAt}</Text>
          <Text style={styles.meta}>
            Last response: <strong>{props.lastResponse}</strong>, to a delivery of <span style={styles.code}>{props.eventType}</span>
          </Text>
          <Text style={{ ...styles.meta, marginTop: 16 }}>
            <Button href={props.endpointUrl} style={styles.button}>
              Enable or edit the endpoint
            </Button>
          </Text>
          <Text style={styles.meta}>
            <Link href={props.listUrl} style={styles.link}>
              All webhook endpoints
            </Link>
          </Text>
          <Hr />
          <Text style={styles.footer}>
            {props.recipientIs === 'author'
              ? 'You receive this because you created this endpoint in Keygate.'
              : 'You receive this as an administrator of Keygate: the person who created this endpoint was deleted or disabled.'}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

WebhookDisabledEmail.PreviewProps = {
  recipientName: 'Ada Lovelace',
  recipientIs: 'author',
  shortUrl: 'https://hooks.example.com/keygate/…',
  description: 'Security team automation',
  disabledAt: '2026-12-06 12:15:00 UTC',
  lastResponse: '410 Gone',
  eventType: 'api_access.updated',
  endpointUrl: 'http://localhost:3000/access-management/webhooks/5f0c6a3e-2d7b-4c1e-9a8f-3b2d1e0f9a7c',
  listUrl: 'http://localhost:3000/access-management/webhooks',
} satisfies WebhookDisabledProps;
