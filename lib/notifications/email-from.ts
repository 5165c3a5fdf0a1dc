/** EMAIL_FROM, or Resend's own test sender, which needs no domain of your own (it only reaches your Resend account's address). */
export const emailFrom = () => process.env.EMAIL_FROM?.trim() || 'Keygate <onboarding@resend.dev>';
