import { useTranslation } from 'react-i18next';

/** "passport •••• 4567" from the server: the type in the reader's language, the masked number as is. */
export function DocumentText({ text }: { text: string }) {
  const { t } = useTranslation('customers');
  const m = /^([a-z_]+)\s+(.*)$/.exec(text);
  if (!m || !m[1] || !m[2]) return <span dir="ltr">{text}</span>;
  return <>{t(`documents.types.${m[1]}`, { defaultValue: m[1] })} <span dir="ltr">{m[2]}</span></>;
}
