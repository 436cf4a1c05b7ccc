// /trainer/scorecards: a trainer or QA specialist scores a sampled
// interaction against a published rubric.
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/ui';
import { RubricScoreForm } from '../../components/RubricScoreForm';

export function Scorecards() {
  const { t } = useTranslation('trainer');
  return (
    <Page title={t('score.title')}>
      <p className="muted">{t('score.intro')}</p>
      <RubricScoreForm />
    </Page>
  );
}
