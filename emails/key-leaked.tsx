import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Text } from 'react-email';
import { emailStyles } from './_components/email-styles';

export type KeyLeakedProps = {
  recipientName: string;
  name: string;
  accessId: string;
  /** Exact, with the zone: "2026-12-06 12:15:00 UTC". */
  reportedAt: string;
  /** "GitHub secret scanning" or "a report to the revoke API". */
  reportedBy: string;
  /** Where the token was found, when the reporter said. */
  foundAt: string | null;
  /** The token's first characters, to recognise it; never more. */
  tokenStart: string;
  viewUrl: string;
  regenerateUrl: string;
};

export const keyLeakedSubject = ({ name }: Pick<KeyLeakedProps, 'name'>) => `API Access “${name}” was reported leaked and is disabled`;

const styles = {
  ...emailStyles,
  heading: { ...emailStyles.heading, color: '#b42318' },
  meta: { ...emailStyles.meta, margin: '0 0 4px' },
};

/** SPEC §8: sent at once to the key's author and every active ADMIN when one of its tokens is reported leaked. */
export default function KeyLeakedEmail(props: KeyLeakedProps) {
  const subject = keyLeakedSubject(props);
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
            A token of this API Access was reported as exposed by {props.reportedBy}. Keygate disabled the key at once: every request made
            with its tokens is refused. Regenerate it to issue a new token, then give the new token to the services that use it.
          </Text>
          <Text style={styles.meta}>
            API Access: <strong>{props.name}</strong> (<span style={styles.code}>{props.accessId}</span>)
          </Text>
          <Text style={styles.meta}>
            Token starting with: <span style={styles.code}>{props.tokenStart}…</span>
          </Text>
          <Text style={styles.meta}>Reported: {props.reportedAt}</Text>
          {props.foundAt && (
            <Text style={styles.meta}>
              Found at: <Link href={props.foundAt}>{props.foundAt}</Link>
            </Text>
          )}
          <Text style={{ ...styles.meta, marginTop: 16 }}>
            <Button href={props.regenerateUrl} style={styles.button}>
              Regenerate
            </Button>
          </Text>
          <Text style={styles.meta}>
            <Link href={props.viewUrl} style={styles.link}>
              View the key and its history
            </Link>
          </Text>
          <Hr />
          <Text style={styles.footer}>
            You receive this because you created this key in Keygate or are one of its administrators. Remove the exposed token from where
            it was found, and check the key&apos;s history for requests you do not recognise.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

KeyLeakedEmail.PreviewProps = {
  recipientName: 'Ada Lovelace',
  name: 'billing-service-prod',
  accessId: 'ak_7hq3x2m4k5n6p7r2s3t4',
  reportedAt: '2026-12-06 12:15:00 UTC',
  reportedBy: 'GitHub secret scanning',
  foundAt: 'https://github.com/octo/billing/blob/main/.env',
  tokenStart: 'kg_4Fq9z',
  viewUrl: 'http://localhost:3000/access-management/api-access/ak_7hq3x2m4k5n6p7r2s3t4',
  regenerateUrl: 'http://localhost:3000/access-management/api-access/ak_7hq3x2m4k5n6p7r2s3t4/regenerate',
} satisfies KeyLeakedProps;
