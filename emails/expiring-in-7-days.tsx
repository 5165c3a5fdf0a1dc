import { ExpiryNoticeEmail, sampleNotice, type ExpiryNoticeProps } from './_components/expiry-notice-email';

/** The 7d expiry notice. */
export default function ExpiringIn7DaysEmail(props: Omit<ExpiryNoticeProps, 'threshold'>) {
  return <ExpiryNoticeEmail {...props} threshold="7d" />;
}

ExpiringIn7DaysEmail.PreviewProps = sampleNotice('7d');
