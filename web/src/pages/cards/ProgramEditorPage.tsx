// A loyalty program (owner): every mechanic as a form over the configuration JSON. Problems found in
// the browser and problems the server names by path are shown at the field; each save makes a new
// version, listed below with the option to bring an older configuration back into the editor.
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError, unwrap } from '../../api/client';
import { Alert } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { LoadState } from '../../components/LoadState';
import { useAreaError } from '../../components/useAreaError';
import { useFormat } from '../../components/useFormat';
import { useLoad } from '../../components/useLoad';
import { useMe } from '../../session';
import { can } from './access';
import { IssuesContext, useIssueText, type EditorIssues } from './editor-fields';
import {
  ClubSection, CumulativeSection, GeneralSection, MarginSection, PointsSection, RulesSection, SLICE_KEYS, TierRulesSection, TiersSection, type Patch,
} from './editor-sections';
import { draftFrom, isFieldPath, newProgramConfig, pathOfProgramProblem, toProgramBody, type DraftIssue, type Program, type ProgramDraft, type Unit } from './program-draft';
import { VersionsSection } from './VersionsSection';

/** A problem at a path: the server's words, or a kind found in the browser. */
type Issue = { message: string } | { kind: DraftIssue['kind'] };

export function ProgramEditorPage() {
  const { id } = useParams();
  const isNew = id === undefined;
  const { organization, staff } = useMe();
  const loader = useCallback(async (): Promise<Program | null> => (id ? unwrap(api.GET('/api/loyalty/programs/{id}', { params: { path: { id } } })) : null), [id]);
  const loaded = useLoad(loader);
  const { t } = useTranslation('cards');
  const location = useLocation();
  // A save makes a new version and a fresh editor; the message about it lives here, above the editor.
  const [notice, setNotice] = useState<string | null>((location.state as { created?: boolean } | null)?.created ? t('editor.created') : null);
  if (!isNew && !loaded.data) return <LoadState loading={loaded.loading} error={loaded.error} onRetry={loaded.reload} />;
  const program = loaded.data ?? null;
  return (
    <Editor
      key={program ? `${program.id}:${program.version}:${program.archived}` : 'new'} program={program} currency={organization.currency} notice={notice}
      readOnly={!can(staff.role, 'programs.manage')} onSaved={(saved, message) => { setNotice(message); loaded.set(saved); }}
    />
  );
}

interface EditorProps { program: Program | null; currency: string; readOnly: boolean; notice: string | null; onSaved(program: Program, message: string | null): void }

function Editor({ program, currency, readOnly, notice, onSaved }: EditorProps) {
  const { t } = useTranslation('cards');
  const fmt = useFormat();
  const navigate = useNavigate();
  const areaError = useAreaError('cards');
  const issueText = useIssueText();
  const initial = useMemo(
    () => draftFrom(program ?? { name: '', isDefault: false, config: newProgramConfig(currency), cardFormat: { scheme: 'ean13', prefix: '29', length: 13 } }, fmt.locale),
    [program, currency, fmt.locale],
  );
  const [draft, setDraft] = useState<ProgramDraft>(initial);
  const [issues, setIssues] = useState<Record<string, Issue>>({});
  const [loose, setLoose] = useState<string[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(notice);
  const [busy, setBusy] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const dirty = JSON.stringify(stripKeys(draft)) !== JSON.stringify(stripKeys(initial));

  const patch = useCallback(((key: keyof ProgramDraft, value: unknown) => {
    setSaved(null);
    setDraft((d) => ({ ...d, [key]: SLICE_KEYS.includes(key) ? { ...(d[key] as object), ...(value as object) } : value }));
  }) as Patch, []);

  const context: EditorIssues = {
    currency: draft.currency,
    readOnly,
    at: (path: string, unit: Unit = 'text') => {
      const issue = issues[path];
      if (!issue) return undefined;
      return 'kind' in issue ? t(`issues.${issue.kind}`) : issueText(issue.message, unit, draft.currency);
    },
  };

  const focusFirstProblem = () => {
    window.requestAnimationFrame(() => {
      const el = document.querySelector<HTMLElement>('[aria-invalid="true"]');
      el?.focus();
      el?.scrollIntoView({ block: 'center' });
    });
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    setSaved(null);
    setLoose([]);
    const { body, issues: found } = toProgramBody(draft);
    if (found.length > 0) {
      setIssues(Object.fromEntries(found.map((i) => [i.path, { kind: i.kind }])));
      setFormError(t('editor.fixMarked', { count: found.length }));
      focusFirstProblem();
      return;
    }
    setIssues({});
    setBusy(true);
    try {
      const result = program
        ? await unwrap(api.PATCH('/api/loyalty/programs/{id}', { params: { path: { id: program.id } }, body }))
        : await unwrap(api.POST('/api/loyalty/programs', { body }));
      if (program) {
        const message = result.version === program.version ? t('editor.savedSame') : t('editor.saved', { version: fmt.number(result.version) });
        setSaved(message);
        onSaved(result, message);
      } else {
        navigate(`/cards/programs/${result.id}`, { replace: true, state: { created: true } });
      }
    } catch (err) {
      const byPath: Record<string, Issue> = {};
      const unplaced: string[] = [];
      if (err instanceof ApiError) {
        for (const issue of err.issues) {
          const path = issue.field === 'config' ? pathOfProgramProblem(issue.message, draft) : serverPathToField(issue.field, draft);
          if (path && isFieldPath(path) && !byPath[path]) byPath[path] = { message: issue.message };
          else unplaced.push(issue.field === 'config' ? issue.message : `${issue.field}: ${issue.message}`);
        }
      }
      setIssues(byPath);
      setLoose(unplaced);
      const placed = Object.keys(byPath).length;
      setFormError(placed > 0 ? t('editor.fixMarked', { count: placed }) : unplaced.length > 0 ? t('editor.serverProblems') : areaError(err));
      if (placed > 0) focusFirstProblem();
    } finally {
      setBusy(false);
    }
  };

  const archive = async () => {
    if (!program) return;
    setBusy(true);
    try {
      onSaved(await unwrap(api.DELETE('/api/loyalty/programs/{id}', { params: { path: { id: program.id } } })), t('programs.archivedNow'));
    } catch (err) {
      setFormError(areaError(err));
    } finally {
      setBusy(false);
      setArchiving(false);
    }
  };

  const restore = (config: Program['config'], version: number) => {
    setDraft((d) => ({ ...draftFrom({ name: d.name, isDefault: d.isDefault, config, cardFormat: { scheme: d.cardFormat.scheme, prefix: d.cardFormat.prefix, length: Number(d.cardFormat.length) || 13 } }, fmt.locale) }));
    setIssues({});
    setSaved(t('versions.restored', { version: fmt.number(version) }));
    window.scrollTo({ top: 0 });
  };

  const sectionProps = { draft, patch };
  return (
    <IssuesContext.Provider value={context}>
      <form className="program-editor" onSubmit={(e) => void save(e)} noValidate data-testid="program-editor">
        <div className="editor-bar">
          <div>
            <p className="eyebrow"><Link to="/cards/programs">{t('programs.title')}</Link></p>
            <h2 className="editor-bar__title">
              {program ? <bdi>{program.name}</bdi> : t('programs.newTitle')}
              {program && <span className="badge">{t('programs.version', { version: fmt.number(program.version) })}</span>}
              {program?.isDefault && <span className="badge badge--ok">{t('programs.default')}</span>}
              {program?.archived && <span className="badge badge--danger">{t('programs.archived')}</span>}
            </h2>
          </div>
          {!readOnly && (
            <div className="actions">
              {program && !program.archived && !program.isDefault && (
                <button type="button" className="button button--danger-outline" onClick={() => setArchiving(true)} disabled={busy}>{t('programs.archive')}</button>
              )}
              <button type="submit" className="button button--primary" disabled={busy || (!dirty && program !== null)}>{program ? t('editor.save') : t('editor.create')}</button>
            </div>
          )}
        </div>
        {readOnly && <Alert kind="info">{t('editor.readOnly')}</Alert>}
        {formError && (
          <Alert kind="error">
            {formError}
            {loose.length > 0 && <ul className="issue-list">{loose.map((m) => <li key={m} dir="auto">{m}</li>)}</ul>}
          </Alert>
        )}
        {saved && <Alert kind="success">{saved}</Alert>}
        <GeneralSection {...sectionProps} />
        <TiersSection {...sectionProps} />
        <CumulativeSection {...sectionProps} />
        <ClubSection {...sectionProps} />
        <PointsSection {...sectionProps} />
        <TierRulesSection {...sectionProps} />
        <MarginSection {...sectionProps} />
        <RulesSection {...sectionProps} />
        {!readOnly && (
          <div className="actions editor-actions">
            <button type="submit" className="button button--primary" disabled={busy || (!dirty && program !== null)}>{program ? t('editor.save') : t('editor.create')}</button>
            {dirty && program && <button type="button" className="button" onClick={() => { setDraft(initial); setIssues({}); setFormError(null); }}>{t('editor.discard')}</button>}
          </div>
        )}
      </form>
      {program && !readOnly && <VersionsSection key={program.version} programId={program.id} current={program.version} onRestore={restore} />}
      <ConfirmDialog open={archiving} title={t('programs.archiveTitle')} confirmLabel={t('programs.archive')} busy={busy} onConfirm={() => void archive()} onCancel={() => setArchiving(false)}>
        {t('programs.archiveText')}
      </ConfirmDialog>
    </IssuesContext.Provider>
  );
}

function stripKeys(d: ProgramDraft): unknown {
  return JSON.parse(JSON.stringify(d, (k, v: unknown) => (k === 'key' ? undefined : v)));
}

/**
 * The server names record entries by their key ("config.points.groupEarnBp.hair") and lists of groups
 * by position; the editor shows them as rows and as one text field.
 */
function serverPathToField(path: string, d: ProgramDraft): string {
  const record = /^config\.(points\.groupEarnBp|marginGuard\.groupMaxDiscountBp)\.(.+)$/.exec(path);
  if (record) {
    const rows = record[1] === 'points.groupEarnBp' ? d.points.groupRates : d.marginGuard.groupMax;
    const idx = rows.findIndex((r) => r.group.trim() === record[2]);
    if (idx >= 0) return `config.${record[1]}.${idx}.rate`;
  }
  const list = /^(config\.points\.(?:earn|redeem)ExcludedGroups)\.\d+$/.exec(path);
  if (list?.[1]) return list[1];
  if (/^config\.tiers\.\d+$/.test(path)) return `${path}.code`;
  if (path === 'config.cumulative.levels') return 'config.cumulative.levels.0.minAmount';
  return path;
}
