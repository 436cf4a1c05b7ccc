// Scoring a sampled call against a published rubric: shared by the trainer
// console (QA, trainers) and the manager area. Owned by the trainer area's
// work; the manager area only routes to it.
import { useTranslation } from 'react-i18next';
import { Card } from './ui';

export interface RubricScoreFormProps {
  /** Preselects the employee being scored. */
  employeeId?: string;
  /** Called after a scorecard was saved. */
  onScored?: (scorecardId: string) => void;
}

export function RubricScoreForm(_props: RubricScoreFormProps) {
  const { t } = useTranslation('trainer');
  return <Card title={t('title')}>{null}</Card>;
}
