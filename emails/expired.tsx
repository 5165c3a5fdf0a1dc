import { ExpiryNoticeEmail, sampleNotice, type ExpiryNoticeProps } from './_components/expiry-notice-email';

/** The expired expiry notice. */
export default function ExpiredEmail(props: Omit<ExpiryNoticeProps, 'threshold'>) {
  return <ExpiryNoticeEmail {...props} threshold="expired" />;
}

ExpiredEmail.PreviewProps = sampleNotice('expired');
