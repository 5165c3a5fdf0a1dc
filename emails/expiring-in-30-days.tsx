import { ExpiryNoticeEmail, sampleNotice, type ExpiryNoticeProps } from './_components/expiry-notice-email';

/** The 30d expiry notice. */
export default function ExpiringIn30DaysEmail(props: Omit<ExpiryNoticeProps, 'threshold'>) {
  return <ExpiryNoticeEmail {...props} threshold="30d" />;
}

ExpiringIn30DaysEmail.PreviewProps = sampleNotice('30d');
