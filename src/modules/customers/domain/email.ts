// E-mail addresses as typed into spreadsheets: with spaces, "mailto:", a display name, capital letters.
// The domain is case-insensitive and is lowercased; the local part is kept as written because the
// standard lets a server treat "Ivan" and "ivan" as different mailboxes (almost none do, but a wrong
// merge of two customers costs more than a missed one, and duplicates are found case-insensitively anyway).

import { domainToASCII } from 'node:url';

export type EmailResult = { email: string } | { error: 'empty' | 'invalid' };

const LOCAL_PART = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

export function normalizeEmail(raw: string): EmailResult {
  let text = raw.normalize('NFC').trim();
  const bracketed = /<([^<>]+)>\s*$/u.exec(text); // "Ivan Petrov <ivan@example.com>"
  if (bracketed) text = (bracketed[1] as string).trim();
  text = text.replace(/^mailto:/iu, '').trim();
  if (text === '') return { error: 'empty' };
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return { error: 'invalid' };
  const local = text.slice(0, at);
  const domain = text.slice(at + 1).toLowerCase().replace(/\.$/u, '');
  if (local.length > 64 || !LOCAL_PART.test(local)) return { error: 'invalid' };
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return { error: 'invalid' };
  const tld = labels[labels.length - 1] as string;
  if (/^\d+$/u.test(tld) || tld.length < 2) return { error: 'invalid' };
  // Internationalised domains (почта.рф) must survive the IDNA conversion mail servers will apply.
  if (domainToASCII(domain) === '' || domain.length > 253) return { error: 'invalid' };
  return { email: `${local}@${domain}` };
}
