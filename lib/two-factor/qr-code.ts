import 'server-only';
import QRCode from 'qrcode';

/** The QR code of an otpauth:// URI as an SVG data URL, drawn here: the secret never goes to an image service. */
export async function qrCodeDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
