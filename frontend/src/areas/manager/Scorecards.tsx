// /team/scorecards: score a sampled call or chat of a report against a rubric,
// with the shared scoring form (the trainer console uses the same one).
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page, Success } from '../../components/ui';
import { RubricScoreForm } from '../../components/RubricScoreForm';

export function Scorecards() {
  const { t } = useTranslation('manager');
  const [params] = useSearchParams();
  const employeeId = params.get('employee') || undefined;
  const [scored, setScored] = useState(0);
  return (
    <Page title={t('scorecards.title')}>
      <p className="muted">{t('scorecards.intro')}</p>
      {scored > 0 && (
        <Success>
          {t('scorecards.saved')}{' '}
          {employeeId && <Link to={`/team/people/${encodeURIComponent(employeeId)}`}>{t('scorecards.backToPerson')}</Link>}
        </Success>
      )}
      <RubricScoreForm key={employeeId ?? ''} employeeId={employeeId} onScored={() => setScored((n) => n + 1)} />
    </Page>
  );
}
