import { ExpiryNoticeEmail, sampleNotice, type ExpiryNoticeProps } from './_components/expiry-notice-email';

/** The 1d expiry notice. */
export default function ExpiringIn1DayEmail(props: Omit<ExpiryNoticeProps, 'threshold'>) {
  return <ExpiryNoticeEmail {...props} threshold="1d" />;
}

ExpiringIn1DayEmail.PreviewProps = sampleNotice('1d');
