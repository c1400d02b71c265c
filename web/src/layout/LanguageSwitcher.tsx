import { useTranslation } from 'react-i18next';
import { languageName } from '../format';
import { LANGUAGES, pickLanguage, type Language } from '../i18n';
import { useSession } from '../session';

/** Each language in its own name, so whoever reads it can find theirs. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const { changeLanguage } = useSession();
  return (
    <select
      className="language-switcher"
      aria-label={t('language.label')}
      data-testid="language-switcher"
      value={pickLanguage(i18n.language)}
      onChange={(e) => void changeLanguage(e.target.value as Language).catch(() => undefined)}
    >
      {LANGUAGES.map((lang) => <option key={lang} value={lang} lang={lang}>{languageName(lang)}</option>)}
    </select>
  );
}
